namespace PatrolSim.Analytic;

/// <summary>Measures both solvers derive the same way from workloads and call fractions (dispatch fractions, travel).</summary>
internal static class HypercubeResults
{
    public static HypercubeResult Build(
        HypercubeModel model,
        HypercubeMethod method,
        double[]? stateProbabilities,
        double[] busyCount,
        double[] workloads,
        double[][] callFractions,
        double meanQueueWait,
        double[]? correctionFactors,
        int iterations,
        double residual)
    {
        int n = model.N;
        int atoms = model.Atoms;
        var rates = model.AtomRateArray;

        // f_nj: share of all dispatches that send unit n to atom j.
        double served = 0;
        for (int j = 0; j < atoms; j++)
        {
            for (int u = 0; u < n; u++)
            {
                served += rates[j] * callFractions[j][u];
            }
        }

        var dispatch = new double[n][];
        for (int u = 0; u < n; u++)
        {
            dispatch[u] = new double[atoms];
            for (int j = 0; j < atoms; j++)
            {
                dispatch[u][j] = served > 0 ? rates[j] * callFractions[j][u] / served : 0;
            }
        }

        double? meanTravel = null;
        double[]? byAtom = null;
        double[]? byUnit = null;
        if (model.Input.TravelTimes is { } t)
        {
            byAtom = new double[atoms];
            for (int j = 0; j < atoms; j++)
            {
                double weight = 0;
                double sum = 0;
                for (int u = 0; u < n; u++)
                {
                    weight += callFractions[j][u];
                    sum += callFractions[j][u] * t[j][u];
                }

                byAtom[j] = weight > 0 ? sum / weight : double.NaN;
            }

            byUnit = new double[n];
            double total = 0;
            for (int u = 0; u < n; u++)
            {
                double weight = 0;
                double sum = 0;
                for (int j = 0; j < atoms; j++)
                {
                    weight += dispatch[u][j];
                    sum += dispatch[u][j] * t[j][u];
                }

                byUnit[u] = weight > 0 ? sum / weight : double.NaN;
                total += sum;
            }

            meanTravel = total;
        }

        return new HypercubeResult
        {
            Method = method,
            LineCapacity = model.Input.LineCapacity,
            Units = n,
            Atoms = atoms,
            StateProbabilities = stateProbabilities,
            BusyCountDistribution = busyCount,
            MeanQueueWait = meanQueueWait,
            MeanQueueLength = model.TotalArrivalRate * meanQueueWait,
            Workloads = workloads,
            CallFractions = callFractions,
            DispatchFractions = dispatch,
            MeanTravelTime = meanTravel,
            MeanTravelTimeByAtom = byAtom,
            MeanTravelTimeByUnit = byUnit,
            CorrectionFactors = correctionFactors,
            Iterations = iterations,
            BalanceResidual = residual,
        };
    }
}
