using System.Globalization;
using PatrolSim.Model.Definition;
using YamlDotNet.RepresentationModel;

namespace PatrolSim.Scenarios;

/// <summary>
/// Turns the YAML tree into a <see cref="Scenario"/>, checking every key against docs/scenario-format.md.
/// It keeps going after a problem so that all of them are reported together; the result is null when
/// any was found.
/// </summary>
internal sealed class ScenarioBinder
{
    internal static readonly IReadOnlyDictionary<string, RiskLevel> RiskLevels = new Dictionary<string, RiskLevel>(StringComparer.Ordinal)
    {
        ["none"] = RiskLevel.None,
        ["low"] = RiskLevel.Low,
        ["medium"] = RiskLevel.Medium,
        ["high"] = RiskLevel.High,
    };

    internal static readonly IReadOnlyDictionary<string, RiskLevel> MinRiskLevels = new Dictionary<string, RiskLevel>(StringComparer.Ordinal)
    {
        ["low"] = RiskLevel.Low,
        ["medium"] = RiskLevel.Medium,
        ["high"] = RiskLevel.High,
    };

    internal static readonly IReadOnlyDictionary<string, BackupRule> BackupRules = new Dictionary<string, BackupRule>(StringComparer.Ordinal)
    {
        ["none"] = BackupRule.None,
        ["risk"] = BackupRule.Risk,
        ["all-calls"] = BackupRule.AllCalls,
    };

    internal static readonly IReadOnlyDictionary<string, Engagement> Engagements = new Dictionary<string, Engagement>(StringComparer.Ordinal)
    {
        ["alone"] = Engagement.Alone,
        ["wait"] = Engagement.Wait,
    };

    internal static readonly IReadOnlyDictionary<string, DispatchRule> DispatchRules = new Dictionary<string, DispatchRule>(StringComparer.Ordinal)
    {
        ["closest"] = DispatchRule.Closest,
        ["home-beat-first"] = DispatchRule.HomeBeatFirst,
        ["preference"] = DispatchRule.Preference,
    };

    private static readonly IReadOnlyDictionary<string, TravelModel> TravelModels = new Dictionary<string, TravelModel>(StringComparer.Ordinal)
    {
        ["manhattan"] = TravelModel.Manhattan,
        ["none"] = TravelModel.None,
    };

    private static readonly IReadOnlyDictionary<string, int> Distributions = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["exponential"] = 0,
        ["lognormal"] = 1,
        ["gamma"] = 2,
        ["constant"] = 3,
        ["empirical"] = 4,
    };

    private readonly YamlReader _r;

    public ScenarioBinder(YamlReader reader) => _r = reader;

    public Scenario? Bind(YamlMappingNode root)
    {
        var map = new MapReader(_r, root, "");
        string? name = map.Text("name", required: true, hint: "give the scenario a short title");
        string description = (map.Text("description", "") ?? "").Trim();
        var horizon = BindHorizon(map.Map("horizon", required: true));
        var city = BindCity(map.Map("city", required: true));
        var demand = BindDemand(map.Map("demand", required: true));
        var travel = BindTravel(map.Map("travel"));
        var staffing = BindStaffing(map.Map("staffing", required: true));
        var policy = BindPolicy(map.Map("policy"), city, horizon);
        var weights = BindRiskWeights(map.Map("riskWeights"));
        var targets = BindTargets(map.Map("targets"));
        map.ReportUnknown();

        if (_r.Errors.Count > 0 || name is null || horizon is null || city is null || demand is null || travel is null
            || staffing is null || policy is null || weights is null || targets is null)
        {
            return null;
        }

        return new Scenario
        {
            Name = name,
            Description = description,
            Horizon = horizon,
            City = city,
            Demand = demand,
            Travel = travel,
            Staffing = staffing,
            Policy = policy,
            RiskWeights = weights,
            ResponseTargets = targets,
        };
    }

    private Horizon? BindHorizon(MapReader? m)
    {
        if (m is null)
        {
            return null;
        }

        double? days = m.Number("days", 0, 36525, required: true, minExclusive: true, hint: "the simulated period in days (at most 100 years)");
        double? warmup = m.Number("warmupDays", 0, 36525, fallback: 0);
        m.ReportUnknown();
        if (days is null || warmup is null)
        {
            return null;
        }

        if (warmup >= days)
        {
            _r.Error(m.Get("warmupDays"), m.PathOf("warmupDays"), $"is {YamlReader.Fmt(warmup.Value)}; it must be less than horizon.days ({YamlReader.Fmt(days.Value)})");
            return null;
        }

        return new Horizon(days.Value, warmup.Value);
    }

    private City? BindCity(MapReader? m)
    {
        if (m is null)
        {
            return null;
        }

        double? w = m.Number("widthKm", 0, 10000, required: true, minExclusive: true);
        double? h = m.Number("heightKm", 0, 10000, required: true, minExclusive: true);
        bool hasBeats = m.Has("beats");
        bool hasZones = m.Has("zones");
        List<Zone>? zones = null;
        if (hasBeats && hasZones)
        {
            _r.Error(m.Get("zones"), m.PathOf("zones"), "give either beats (a grid) or zones (explicit rectangles), not both");
        }
        else if (hasBeats)
        {
            zones = BindBeats(m.Map("beats"), w, h);
        }
        else if (hasZones)
        {
            zones = BindZones(m.Get("zones")!, m.PathOf("zones"), w, h);
        }
        else
        {
            _r.Error(m.Node, m.PathOf("beats"), "is missing; give beats: { rows: R, cols: C } or a list of zones");
        }

        m.ReportUnknown();
        if (w is null || h is null || zones is null)
        {
            return null;
        }

        if (zones.All(z => z.Weight == 0))
        {
            _r.Error(m.Node, m.Path, "every zone has weight 0; at least one zone must have demand");
            return null;
        }

        return new City(w.Value, h.Value, zones);
    }

    private List<Zone>? BindBeats(MapReader? m, double? width, double? height)
    {
        if (m is null)
        {
            return null;
        }

        int? rows = m.Integer("rows", 1, 1000, required: true);
        int? cols = m.Integer("cols", 1, 1000, required: true);
        var weightsNode = m.Get("weights");
        m.ReportUnknown();
        if (rows is null || cols is null || width is null || height is null)
        {
            return null;
        }

        double[]? weights = null;
        if (weightsNode is not null)
        {
            weights = NumberList(weightsNode, m.PathOf("weights"), rows.Value * cols.Value, 0, double.PositiveInfinity, $"one per beat, {rows * cols} in all (row by row from the south-west)");
            if (weights is null)
            {
                return null;
            }
        }

        var zones = new List<Zone>();
        double bw = width.Value / cols.Value, bh = height.Value / rows.Value;
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                int i = (r * cols.Value) + c;
                zones.Add(new Zone(string.Create(CultureInfo.InvariantCulture, $"{i + 1}"), c * bw, r * bh, bw, bh, weights?[i] ?? 1.0));
            }
        }

        return zones;
    }

    private List<Zone>? BindZones(YamlNode node, string path, double? width, double? height)
    {
        var seq = _r.Sequence(node, path);
        if (seq is null)
        {
            return null;
        }

        if (seq.Children.Count == 0)
        {
            _r.Error(node, path, "is empty; list at least one zone");
            return null;
        }

        var zones = new List<Zone>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        bool ok = true;
        for (int i = 0; i < seq.Children.Count; i++)
        {
            string p = Index(path, i);
            var m = _r.Map(seq.Children[i], p);
            if (m is null)
            {
                ok = false;
                continue;
            }

            string? id = m.Text("id", required: true);
            double? x = m.Number("xKm", 0, width ?? double.PositiveInfinity, required: true);
            double? y = m.Number("yKm", 0, height ?? double.PositiveInfinity, required: true);
            double? zw = m.Number("widthKm", 0, double.PositiveInfinity, fallback: 0);
            double? zh = m.Number("heightKm", 0, double.PositiveInfinity, fallback: 0);
            double? weight = m.Number("weight", 0, double.PositiveInfinity, fallback: 1);
            m.ReportUnknown();
            if (id is null || x is null || y is null || zw is null || zh is null || weight is null)
            {
                ok = false;
                continue;
            }

            if (!ids.Add(id))
            {
                _r.Error(m.Get("id"), m.PathOf("id"), $"'{id}' is used by another zone; zone ids must be unique");
                ok = false;
            }

            if (width is not null && height is not null && (x + zw > width + 1e-9 || y + zh > height + 1e-9))
            {
                _r.Error(seq.Children[i], p, $"zone '{id}' reaches beyond the city ({YamlReader.Fmt(width.Value)} × {YamlReader.Fmt(height.Value)} km); make it smaller or the city larger");
                ok = false;
            }

            zones.Add(new Zone(id, x.Value, y.Value, zw.Value, zh.Value, weight.Value));
        }

        return ok ? zones : null;
    }

    private Demand? BindDemand(MapReader? m)
    {
        if (m is null)
        {
            return null;
        }

        double? perDay = m.Number("callsPerDay", 0, 1e7, required: true, minExclusive: true, hint: "the mean number of calls for service per day");
        double? multiplier = m.Number("multiplier", 0, 1000, fallback: 1, minExclusive: true);
        var profile = BindProfile(m.Map("profile"));
        var types = BindCallTypes(m.Get("callTypes", required: true, hint: "list the call types with share, priority and onScene"), m.PathOf("callTypes"));
        SelfInitiated? self = null;
        bool selfOk = true;
        if (m.Has("selfInitiated"))
        {
            self = BindSelfInitiated(m.Map("selfInitiated"));
            selfOk = self is not null;
        }

        m.ReportUnknown();
        if (perDay is null || multiplier is null || profile is null || types is null || !selfOk)
        {
            return null;
        }

        return new Demand(perDay.Value, multiplier.Value, profile, types, self);
    }

    private double[]? BindProfile(MapReader? m)
    {
        if (m is null)
        {
            return [.. Enumerable.Repeat(1.0, 168)];
        }

        double[]? weekly = null;
        if (m.Has("weekly"))
        {
            if (m.Has("hourly") || m.Has("daily"))
            {
                _r.Error(m.Get("weekly"), m.PathOf("weekly"), "give either weekly (168 values) or hourly (24) and daily (7), not both");
            }

            weekly = NumberList(m.Get("weekly")!, m.PathOf("weekly"), 168, 0, double.PositiveInfinity, "168 hourly multipliers from Monday 00:00");
        }
        else
        {
            double[]? hourly = m.Has("hourly") ? NumberList(m.Get("hourly")!, m.PathOf("hourly"), 24, 0, double.PositiveInfinity, "24 multipliers, hour 0 = 00:00–01:00") : [.. Enumerable.Repeat(1.0, 24)];
            double[]? daily = m.Has("daily") ? NumberList(m.Get("daily")!, m.PathOf("daily"), 7, 0, double.PositiveInfinity, "7 multipliers, Monday to Sunday") : [.. Enumerable.Repeat(1.0, 7)];
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
        if (weekly is null)
        {
            return null;
        }

        double mean = weekly.Average();
        if (!(mean > 0))
        {
            _r.Error(m.Node, m.Path, "is zero everywhere; at least one hour must have calls");
            return null;
        }

        return [.. weekly.Select(v => v / mean)];
    }

    private List<CallType>? BindCallTypes(YamlNode? node, string path)
    {
        if (node is null)
        {
            return null;
        }

        var seq = _r.Sequence(node, path);
        if (seq is null)
        {
            return null;
        }

        if (seq.Children.Count == 0)
        {
            _r.Error(node, path, "is empty; list at least one call type");
            return null;
        }

        var types = new List<CallType>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        bool ok = true;
        for (int i = 0; i < seq.Children.Count; i++)
        {
            string p = Index(path, i);
            var m = _r.Map(seq.Children[i], p);
            if (m is null)
            {
                ok = false;
                continue;
            }

            string? name = m.Text("name", required: true);
            double? share = m.Number("share", 0, double.PositiveInfinity, required: true, minExclusive: true, hint: "shares are normalised to sum to 1");
            int? priority = m.Integer("priority", 1, 9, required: true);
            var onScene = BindDistribution(m.Map("onScene", required: true));
            int? officers = m.Integer("officers", 1, 10, fallback: 1);
            RiskLevel? risk = m.Choice("risk", RiskLevels, fallback: RiskLevel.None);
            bool? needsUnit = m.Bool("needsUnit", true);
            m.ReportUnknown();
            if (name is not null && !names.Add(name))
            {
                _r.Error(m.Get("name"), m.PathOf("name"), $"'{name}' is used by another call type; names must be unique");
                ok = false;
            }

            if (name is null || share is null || priority is null || onScene is null || officers is null || risk is null || needsUnit is null)
            {
                ok = false;
                continue;
            }

            types.Add(new CallType(name, share.Value, priority.Value, onScene, officers.Value, risk.Value, needsUnit.Value));
        }

        if (ok && types.All(t => !t.NeedsUnit))
        {
            _r.Error(node, path, "every call type has needsUnit: false; at least one must need a unit");
            return null;
        }

        if (!ok)
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

        int? kind = m.Choice("dist", Distributions, required: true);
        Distribution? result = null;
        switch (kind)
        {
            case 0:
                {
                    double? mean = m.Number("mean", 0, 1e6, required: true, minExclusive: true, hint: "minutes");
                    result = mean is null ? null : new ExponentialDistribution(mean.Value);
                    break;
                }

            case 1:
            case 2:
                {
                    double? mean = m.Number("mean", 0, 1e6, required: true, minExclusive: true, hint: "minutes");
                    double? cv = m.Number("cv", 0, 20, required: true, minExclusive: true, hint: "coefficient of variation = standard deviation / mean");
                    if (mean is not null && cv is not null)
                    {
                        result = kind == 1 ? new LogNormalDistribution(mean.Value, cv.Value) : new GammaDistribution(mean.Value, cv.Value);
                    }

                    break;
                }

            case 3:
                {
                    double? value = m.Number("value", 0, 1e6, required: true, hint: "minutes");
                    result = value is null ? null : new ConstantDistribution(value.Value);
                    break;
                }

            case 4:
                {
                    var node = m.Get("values", required: true, hint: "a list of observed durations in minutes");
                    var values = node is null ? null : NumberList(node, m.PathOf("values"), -1, 0, 1e6, "observed durations in minutes");
                    result = values is null ? null : new EmpiricalDistribution(values);
                    break;
                }
        }

        m.ReportUnknown();
        return result;
    }

    private SelfInitiated? BindSelfInitiated(MapReader? m)
    {
        if (m is null)
        {
            return null;
        }

        double? rate = m.Number("ratePerUnitHour", 0, 100, required: true);
        var duration = BindDistribution(m.Map("onScene", required: true));
        RiskLevel? risk = m.Choice("risk", RiskLevels, fallback: RiskLevel.None);
        m.ReportUnknown();
        return rate is null || duration is null || risk is null ? null : new SelfInitiated(rate.Value, duration, risk.Value);
    }

    private Travel? BindTravel(MapReader? m)
    {
        if (m is null)
        {
            return new Travel(TravelModel.Manhattan, 1.3, 1.0, new Dictionary<int, double> { [1] = 40 }, 0);
        }

        TravelModel? model = m.Choice("model", TravelModels, fallback: TravelModel.Manhattan);
        double? detour = m.Number("detour", 1, 5, fallback: 1.3, hint: "street distance / Manhattan distance, usually 1.2–1.5");
        double? turnout = m.Number("turnoutMinutes", 0, 60, fallback: 0);
        double? noise = m.Number("noiseCv", 0, 5, fallback: 0);
        var speeds = new Dictionary<int, double>();
        bool ok = true;
        var speedMap = m.Map("speedKmh");
        if (speedMap is not null)
        {
            foreach (var (key, keyNode, value) in speedMap.Entries)
            {
                string p = speedMap.PathOf(key);
                if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out int priority) || priority < 1 || priority > 9)
                {
                    _r.Error(keyNode, p, $"'{key}' is not a priority; keys are priorities 1–9");
                    ok = false;
                    continue;
                }

                double? v = _r.Number(value, p, 0, 300, minExclusive: true, hint: "km/h");
                if (v is null)
                {
                    ok = false;
                    continue;
                }

                speeds[priority] = v.Value;
            }
        }

        m.ReportUnknown();
        if (model is null || detour is null || turnout is null || noise is null || !ok)
        {
            return null;
        }

        if (speeds.Count == 0)
        {
            if (model == TravelModel.Manhattan && speedMap is null && m.Node.Children.Count > 0)
            {
                _r.Error(m.Node, m.PathOf("speedKmh"), "is missing; give speeds by priority, e.g. { 1: 60, 2: 45, 3: 40 }");
                return null;
            }

            speeds[1] = 40;
        }

        return new Travel(model.Value, detour.Value, turnout.Value, speeds, noise.Value);
    }

    private Staffing? BindStaffing(MapReader? m)
    {
        if (m is null)
        {
            return null;
        }

        double? scale = m.Number("scale", 0, 100, fallback: 1, minExclusive: true);
        var node = m.Get("shifts", required: true, hint: "list shifts with name, start, hours and officers");
        List<Shift>? shifts = null;
        if (node is not null && _r.Sequence(node, m.PathOf("shifts")) is { } seq)
        {
            shifts = [];
            var names = new HashSet<string>(StringComparer.Ordinal);
            bool ok = true;
            if (seq.Children.Count == 0)
            {
                _r.Error(seq, m.PathOf("shifts"), "is empty; list at least one shift");
                ok = false;
            }

            for (int i = 0; i < seq.Children.Count; i++)
            {
                string p = Index(m.PathOf("shifts"), i);
                var sm = _r.Map(seq.Children[i], p);
                if (sm is null)
                {
                    ok = false;
                    continue;
                }

                string? name = sm.Text("name", required: true);
                string? startText = sm.Text("start", required: true, hint: "a time of day like \"07:00\"");
                double? hours = sm.Number("hours", 0, 24, required: true, minExclusive: true, hint: "a 24-hour shift is continuous");
                int? officers = sm.Integer("officers", 0, 100000, required: true);
                double? share = sm.Has("twoOfficerShare") ? sm.Number("twoOfficerShare", 0, 1) : null;
                bool shareOk = !sm.Has("twoOfficerShare") || share is not null;
                sm.ReportUnknown();
                int? start = null;
                if (startText is not null)
                {
                    start = ScenarioLoader.ParseClock(startText);
                    if (start is null)
                    {
                        _r.Error(sm.Get("start"), sm.PathOf("start"), $"'{startText}' is not a time of day; write HH:MM from 00:00 to 23:59, in quotes");
                    }
                }

                if (name is not null && !names.Add(name))
                {
                    _r.Error(sm.Get("name"), sm.PathOf("name"), $"'{name}' is used by another shift; names must be unique");
                    ok = false;
                }

                if (name is null || start is null || hours is null || officers is null || !shareOk)
                {
                    ok = false;
                    continue;
                }

                shifts.Add(new Shift(name, start.Value, hours.Value, officers.Value, share));
            }

            if (ok && shifts.All(s => s.Officers == 0))
            {
                _r.Error(seq, m.PathOf("shifts"), "no shift has any officers; give at least one shift officers > 0");
                ok = false;
            }

            if (!ok)
            {
                shifts = null;
            }
        }

        m.ReportUnknown();
        return scale is null || shifts is null ? null : new Staffing(scale.Value, shifts);
    }

    private Policy? BindPolicy(MapReader? m, City? city, Horizon? horizon)
    {
        if (m is null)
        {
            return new Policy(new CrewPolicy(0), new BackupPolicy(BackupRule.None, RiskLevel.Medium, Engagement.Alone), DispatchPolicy.Closest, []);
        }

        double? share = 0;
        var crew = m.Map("crew");
        if (crew is not null)
        {
            share = crew.Number("twoOfficerShare", 0, 1, fallback: 0, hint: "0 = all solo cars, 1 = all two-officer cars");
            crew.ReportUnknown();
        }

        BackupRule? rule = BackupRule.None;
        RiskLevel? minRisk = RiskLevel.Medium;
        Engagement? engage = Engagement.Alone;
        var backup = m.Map("backup");
        if (backup is not null)
        {
            rule = backup.Choice("rule", BackupRules, fallback: BackupRule.None);
            minRisk = backup.Choice("minRisk", MinRiskLevels, fallback: RiskLevel.Medium);
            engage = backup.Choice("engage", Engagements, fallback: Engagement.Alone);
            backup.ReportUnknown();
        }

        DispatchPolicy? dispatch = DispatchPolicy.Closest;
        var dm = m.Map("dispatch");
        if (dm is not null)
        {
            dispatch = BindDispatch(dm, city);
        }

        var changes = new List<PolicyChange>();
        bool changesOk = true;
        if (m.Get("changes") is { } cn && _r.Sequence(cn, m.PathOf("changes")) is { } seq)
        {
            for (int i = 0; i < seq.Children.Count; i++)
            {
                var change = BindChange(_r.Map(seq.Children[i], Index(m.PathOf("changes"), i)), horizon);
                if (change is null)
                {
                    changesOk = false;
                }
                else
                {
                    changes.Add(change);
                }
            }
        }
        else if (m.Has("changes") && m.Get("changes") is not YamlSequenceNode)
        {
            changesOk = false;
        }

        m.ReportUnknown();
        if (share is null || rule is null || minRisk is null || engage is null || dispatch is null || !changesOk)
        {
            return null;
        }

        return new Policy(new CrewPolicy(share.Value), new BackupPolicy(rule.Value, minRisk.Value, engage.Value), dispatch, changes);
    }

    private DispatchPolicy? BindDispatch(MapReader m, City? city)
    {
        DispatchRule? rule = m.Choice("rule", DispatchRules, fallback: DispatchRule.Closest);
        var prefs = new Dictionary<string, IReadOnlyList<int>>(StringComparer.Ordinal);
        bool ok = true;
        var pm = m.Map("preferences");
        if (pm is not null)
        {
            var zoneIds = city?.Zones.Select(z => z.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var (key, keyNode, value) in pm.Entries)
            {
                string p = pm.PathOf(key);
                if (zoneIds is not null && !zoneIds.Contains(key))
                {
                    string? guess = YamlReader.DidYouMean(key, zoneIds);
                    _r.Error(keyNode, p, $"'{key}' is not a zone id{(guess is null ? "" : $" (did you mean '{guess}'?)")}; beats are numbered 1..rows×cols row by row");
                    ok = false;
                    continue;
                }

                var list = NumberList(value, p, -1, 1, 100000, "unit numbers (1-based, in order of preference)");
                if (list is null || list.Any(v => v != Math.Floor(v)))
                {
                    if (list is not null)
                    {
                        _r.Error(value, p, "unit numbers must be whole numbers");
                    }

                    ok = false;
                    continue;
                }

                prefs[key] = [.. list.Select(v => (int)v)];
            }
        }

        m.ReportUnknown();
        if (rule == DispatchRule.Preference && pm is null)
        {
            _r.Error(m.Node, m.PathOf("preferences"), "is missing; dispatch rule 'preference' needs a list of unit numbers per zone, e.g. preferences: { \"1\": [1, 2, 3] }");
            ok = false;
        }

        return rule is null || !ok ? null : new DispatchPolicy(rule.Value, prefs);
    }

    private PolicyChange? BindChange(MapReader? m, Horizon? horizon)
    {
        if (m is null)
        {
            return null;
        }

        double? at = null;
        var atNode = m.Get("at", required: true, hint: "when the window opens, e.g. \"day 10 18:00\"");
        if (atNode is not null)
        {
            if (YamlReader.TryNumber(atNode, out double hours))
            {
                at = hours >= 0 ? hours * 60 : null;
            }
            else if (atNode is YamlScalarNode s && s.Value is not null)
            {
                at = ScenarioLoader.ParseAt(s.Value);
            }

            if (at is null)
            {
                _r.Error(atNode, m.PathOf("at"), $"{YamlReader.Describe(atNode)} is not a time; write \"day D HH:MM\" (day 0 is the first Monday) or a number of hours");
            }
            else if (horizon is not null && at >= horizon.Days * 1440)
            {
                _r.Error(atNode, m.PathOf("at"), $"is after the horizon ({YamlReader.Fmt(horizon.Days)} days); the window would never open");
                at = null;
            }
        }

        double? duration = m.Number("durationHours", 0, 876600, required: true, minExclusive: true);
        bool? immediate = m.Bool("immediate", false);
        var set = BindOverrides(m.Map("set", required: true));
        m.ReportUnknown();
        return at is null || duration is null || immediate is null || set is null ? null : new PolicyChange(at.Value, duration.Value, set, immediate.Value);
    }

    private static readonly string[] WindowKeys = ["crew.twoOfficerShare", "backup.rule", "backup.minRisk", "backup.engage", "dispatch.rule"];

    private PolicyOverrides? BindOverrides(MapReader? m)
    {
        if (m is null)
        {
            return null;
        }

        var result = new PolicyOverrides();
        bool ok = true;
        foreach (var (rawKey, keyNode, value) in m.Entries)
        {
            string key = rawKey.StartsWith("policy.", StringComparison.Ordinal) ? rawKey["policy.".Length..] : rawKey;
            string p = m.PathOf(rawKey);
            switch (key)
            {
                case "crew.twoOfficerShare":
                    var v = _r.Number(value, p, 0, 1);
                    ok &= v is not null;
                    result = result with { TwoOfficerShare = v };
                    break;
                case "backup.rule":
                    var r = _r.Choice(value, p, BackupRules);
                    ok &= r is not null;
                    result = result with { BackupRule = r };
                    break;
                case "backup.minRisk":
                    var mr = _r.Choice(value, p, MinRiskLevels);
                    ok &= mr is not null;
                    result = result with { MinRisk = mr };
                    break;
                case "backup.engage":
                    var e = _r.Choice(value, p, Engagements);
                    ok &= e is not null;
                    result = result with { Engage = e };
                    break;
                case "dispatch.rule":
                    var d = _r.Choice(value, p, DispatchRules);
                    ok &= d is not null;
                    result = result with { DispatchRule = d };
                    break;
                default:
                    string? guess = YamlReader.DidYouMean(key, WindowKeys);
                    _r.Error(keyNode, p, $"'{rawKey}' cannot be switched by a policy window{(guess is null ? "" : $" (did you mean '{guess}'?)")}; allowed: {string.Join(", ", WindowKeys)}");
                    ok = false;
                    break;
            }
        }

        if (m.Node.Children.Count == 0)
        {
            _r.Error(m.Node, m.Path, $"is empty; set at least one of {string.Join(", ", WindowKeys)}");
            ok = false;
        }

        return ok ? result : null;
    }

    private RiskWeights? BindRiskWeights(MapReader? m)
    {
        if (m is null)
        {
            return RiskWeights.Default;
        }

        double? low = m.Number("low", 0, 1000, fallback: 1);
        double? medium = m.Number("medium", 0, 1000, fallback: 2);
        double? high = m.Number("high", 0, 1000, fallback: 3);
        m.ReportUnknown();
        return low is null || medium is null || high is null ? null : new RiskWeights(low.Value, medium.Value, high.Value);
    }

    private Dictionary<int, double>? BindTargets(MapReader? m)
    {
        var targets = new Dictionary<int, double>();
        if (m is null)
        {
            return targets;
        }

        bool ok = true;
        var rm = m.Map("responseMinutes");
        if (rm is not null)
        {
            foreach (var (key, keyNode, value) in rm.Entries)
            {
                string p = rm.PathOf(key);
                if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out int priority) || priority < 1 || priority > 9)
                {
                    _r.Error(keyNode, p, $"'{key}' is not a priority; keys are priorities 1–9");
                    ok = false;
                    continue;
                }

                double? v = _r.Number(value, p, 0, 10000, minExclusive: true, hint: "minutes");
                if (v is null)
                {
                    ok = false;
                    continue;
                }

                targets[priority] = v.Value;
            }
        }

        m.ReportUnknown();
        return ok ? targets : null;
    }

    private double[]? NumberList(YamlNode node, string path, int count, double min, double max, string what)
    {
        var seq = _r.Sequence(node, path);
        if (seq is null)
        {
            return null;
        }

        if (count >= 0 && seq.Children.Count != count)
        {
            _r.Error(node, path, FormattableString.Invariant($"has {seq.Children.Count} values; it needs {count}: {what}"));
            return null;
        }

        if (count < 0 && seq.Children.Count == 0)
        {
            _r.Error(node, path, $"is empty; give {what}");
            return null;
        }

        var values = new double[seq.Children.Count];
        bool ok = true;
        for (int i = 0; i < values.Length; i++)
        {
            double? v = _r.Number(seq.Children[i], Index(path, i), min, max);
            if (v is null)
            {
                ok = false;
            }
            else
            {
                values[i] = v.Value;
            }
        }

        return ok ? values : null;
    }

    private static string Index(string path, int i) => string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]");
}
