using PatrolSim.Model.Definition;
using YamlDotNet.RepresentationModel;
using Schema = PatrolSim.Scenarios.ScenarioSchema;

namespace PatrolSim.Scenarios;

/// <summary>Demand: the call rate, its weekly profile, the call types and their on-scene distributions.</summary>
internal sealed partial class ScenarioBinder
{
    private Demand? BindDemand(MapReader? m)
    {
        if (m is null)
        {
            return null;
        }

        double? perDay = m.Read(Schema.Demand.CallsPerDay);
        double? multiplier = m.Read(Schema.Demand.Multiplier);
        var profile = BindProfile(m.Map(Schema.Profile.Section));
        var types = BindCallTypes(m.Get(Schema.Demand.CallTypes), m.PathOf(Schema.Demand.CallTypes.Name));
        SelfInitiated? self = null;
        bool selfOk = true;
        if (m.Has(Schema.SelfInitiated.Section))
        {
            self = BindSelfInitiated(m.Map(Schema.SelfInitiated.Section));
            selfOk = self is not null;
        }

        m.ReportUnknown();
        if (perDay is null || multiplier is null || profile is null || types is null || !selfOk)
        {
            return null;
        }

        var demand = new Demand(perDay.Value, multiplier.Value, profile, types, self);
        return Report(ScenarioRules.OfDemand(demand)) ? demand : null;
    }

    private double[]? BindProfile(MapReader? m)
    {
        if (m is null)
        {
            return [.. Enumerable.Repeat(1.0, 168)];
        }

        double[]? weekly = null;
        if (m.Has(Schema.Profile.Weekly))
        {
            if (m.Has(Schema.Profile.Hourly) || m.Has(Schema.Profile.Daily))
            {
                _r.Error(m.Get(Schema.Profile.Weekly), m.PathOf(Schema.Profile.Weekly.Name), "give either weekly (168 values) or hourly (24) and daily (7), not both");
            }

            weekly = ProfileList(m, Schema.Profile.Weekly);
        }
        else
        {
            double[]? hourly = ProfileList(m, Schema.Profile.Hourly);
            double[]? daily = ProfileList(m, Schema.Profile.Daily);
            if (hourly is not null && daily is not null)
            {
                weekly = new double[168];
                for (int d = 0; d < 7; d++)
                {
                    for (int hr = 0; hr < 24; hr++)
                    {
                        weekly[(d * 24) + hr] = daily[d] * hourly[hr];
                    }
                }
            }
        }

        m.ReportUnknown();
        return weekly is null ? null : MeanOne(weekly, m.Node, m.Path, "calls");
    }

    /// <summary>The multipliers scaled to mean 1, or null after reporting that they are all zero.</summary>
    private double[]? MeanOne(double[] multipliers, YamlNode node, string path, string what)
    {
        double mean = multipliers.Average();
        if (!(mean > 0))
        {
            _r.Error(node, path, $"is zero everywhere; at least one hour must have {what}");
            return null;
        }

        return [.. multipliers.Select(v => v / mean)];
    }

    /// <summary>The profile's list, or all ones when it is absent.</summary>
    private double[]? ProfileList(MapReader m, NumberListKey key) =>
        m.Get(key) is { } node ? NumberList(node, m.PathOf(key.Name), key) : [.. Enumerable.Repeat(1.0, key.Count)];

    private List<CallType>? BindCallTypes(YamlNode? node, string path)
    {
        if (node is null)
        {
            return null;
        }

        var types = Items(node, path, Schema.Demand.CallTypes, "call type", m =>
        {
            string? name = m.Read(Schema.CallType.Name);
            double? share = m.Read(Schema.CallType.Share);
            int? priority = m.Read(Schema.CallType.Priority);
            var onScene = BindDistribution(m.Map(Schema.Distribution.Section));
            int? officers = m.Read(Schema.CallType.Officers);
            RiskLevel? risk = m.Read(Schema.CallType.Risk);
            bool? needsUnit = m.Read(Schema.CallType.NeedsUnit);
            var reportKey = Schema.CallType.ReportMinutes;
            var report = m.Has(reportKey) ? BindDistribution(m.Map(reportKey)) : null;
            bool reportOk = !m.Has(reportKey) || report is not null;
            m.ReportUnknown();
            if (name is null || share is null || priority is null || onScene is null || officers is null || risk is null || needsUnit is null || !reportOk)
            {
                return null;
            }

            return new CallType(name, share.Value, priority.Value, onScene, officers.Value, risk.Value, needsUnit.Value, report);
        });

        if (types is null)
        {
            return null;
        }

        double total = types.Sum(t => t.Share);
        return [.. types.Select(t => t with { Share = t.Share / total })];
    }

    private Distribution? BindDistribution(MapReader? m)
    {
        if (m is null)
        {
            return null;
        }

        DistributionKind? kind = m.Read(Schema.Distribution.Dist);
        Distribution? result = null;
        if (kind is not null)
        {
            m.Allow(Schema.Distribution.KeysOf(kind.Value));
            result = kind.Value switch
            {
                DistributionKind.Exponential => m.Read(Schema.Distribution.Mean) is { } mean ? new ExponentialDistribution(mean) : null,
                DistributionKind.LogNormal => MeanAndCv(m) is ({ } mean, { } cv) ? new LogNormalDistribution(mean, cv) : null,
                DistributionKind.Gamma => MeanAndCv(m) is ({ } mean, { } cv) ? new GammaDistribution(mean, cv) : null,
                DistributionKind.Constant => m.Read(Schema.Distribution.Value) is { } value ? new ConstantDistribution(value) : null,
                DistributionKind.Empirical => m.Get(Schema.Distribution.Values) is { } node
                    && NumberList(node, m.PathOf(Schema.Distribution.Values.Name), Schema.Distribution.Values) is { } values ? new EmpiricalDistribution(values) : null,
                _ => throw new InvalidOperationException($"no binding for distribution kind {kind}"),
            };
        }

        m.ReportUnknown();
        return result;
    }

    /// <summary>Reads both, so that both are reported when both are wrong.</summary>
    private static (double? Mean, double? Cv) MeanAndCv(MapReader m) => (m.Read(Schema.Distribution.Mean), m.Read(Schema.Distribution.Cv));

    private SelfInitiated? BindSelfInitiated(MapReader? m)
    {
        if (m is null)
        {
            return null;
        }

        double? rate = m.Read(Schema.SelfInitiated.RatePerUnitHour);
        var duration = BindDistribution(m.Map(Schema.Distribution.Section));
        RiskLevel? risk = m.Read(Schema.SelfInitiated.Risk);
        var hourlyKey = Schema.SelfInitiated.Hourly;
        string hourlyPath = m.PathOf(hourlyKey.Name);
        double[]? hourly = m.Get(hourlyKey) is { } node && NumberList(node, hourlyPath, hourlyKey) is { } values
            ? MeanOne(values, node, hourlyPath, "self-initiated activity")
            : null;
        bool hourlyOk = !m.Has(hourlyKey) || hourly is not null;
        m.ReportUnknown();
        return rate is null || duration is null || risk is null || !hourlyOk ? null : new SelfInitiated(rate.Value, duration, risk.Value, hourly);
    }
}
