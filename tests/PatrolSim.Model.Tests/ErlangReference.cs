namespace PatrolSim.Model.Tests;

/// <summary>Erlang C by the stable recursion of Erlang B, for checking the simulation.</summary>
internal static class ErlangReference
{
    public static double ErlangB(double a, int c)
    {
        double b = 1;
        for (int k = 1; k <= c; k++)
        {
            b = a * b / (k + (a * b));
        }

        return b;
    }

    public static double ErlangC(double a, int c)
    {
        double b = ErlangB(a, c);
        double rho = a / c;
        return b / (1 - (rho * (1 - b)));
    }

    /// <summary>Mean wait in minutes for M/M/c.</summary>
    public static double MeanWait(double lambdaPerHour, double meanServiceMinutes, int c)
    {
        double a = lambdaPerHour * meanServiceMinutes / 60.0;
        double mu = 60.0 / meanServiceMinutes;
        return ErlangC(a, c) / ((c * mu) - lambdaPerHour) * 60.0;
    }
}
