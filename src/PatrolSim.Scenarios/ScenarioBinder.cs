using System.Globalization;
using PatrolSim.Geography;
using PatrolSim.Geography.Travel;
using PatrolSim.Model.Definition;
using YamlDotNet.RepresentationModel;
using Schema = PatrolSim.Scenarios.ScenarioSchema;

namespace PatrolSim.Scenarios;

/// <summary>
/// Turns the YAML tree into a <see cref="Scenario"/>. Which keys exist, their ranges, defaults and hints
/// are in <see cref="ScenarioSchema"/>; this class reads them through it and builds the records. What spans
/// keys (warm-up before the horizon, zones inside the city, unique names, calls that fit in memory) is
/// <see cref="ScenarioRules"/>' in the model, called on each part as it is built, its key paths located in the
/// file here: a scenario built in code is checked by the same rules with the same messages. It keeps
/// going after a problem so that all of them are reported together; the result is null when any was found.
/// One file per part of the scenario: this one (root, horizon, travel, weights, targets and shared
/// readers), .City, .Demand, .Staffing, .Policy, .CallHandling, .Council (employment terms, costs, safety).
/// </summary>
internal sealed partial class ScenarioBinder
{
    private readonly YamlReader _r;
    private readonly IScenarioFiles _files;
    private YamlMappingNode _root = new();

    /// <summary>The policy windows as bound, kept for the call-volume check even when another policy rule failed.</summary>
    private List<PolicyChange>? _windows;

    public ScenarioBinder(YamlReader reader, IScenarioFiles files)
    {
        _r = reader;
        _files = files;
    }

    public Scenario? Bind(YamlMappingNode root)
    {
        _root = root;
        var map = new MapReader(_r, root, "", Schema.Root.Section.KeyNames);
        string? name = map.Read(Schema.Root.Name);
        string description = (map.Read(Schema.Root.Description) ?? "").Trim();
        var horizon = BindHorizon(map.Map(Schema.Horizon.Section));
        var city = BindCity(map.Map(Schema.City.Section));
        var demand = BindDemand(map.Map(Schema.Demand.Section));
        var priorities = demand is null ? null : ScenarioRules.PrioritiesOf(demand.CallTypes);
        var travel = BindTravel(map.Map(Schema.Travel.Section), city, priorities);
        var staffingMap = map.Map(Schema.Staffing.Section);
        var employment = BindEmployment(staffingMap);
        var staffing = BindStaffing(staffingMap);
        var policy = BindPolicy(map.Map(Schema.Policy.Section), city, horizon, staffing, priorities);
        var callHandling = BindCallHandling(map.Map(Schema.CallHandling.Section), priorities);
        var weights = BindRiskWeights(map.Map(Schema.RiskWeights.Section));
        var targets = BindTargets(map.Map(Schema.Targets.Section));
        var costs = BindCosts(map.Map(Schema.Costs.Section), out bool costsOk);
        var safety = BindSafety(map.Map(Schema.Safety.Section), out bool safetyOk);
        map.ReportUnknown();
        if (horizon is not null && demand is not null && !Report(ScenarioRules.OfCallVolume(horizon, demand, policy?.Changes ?? _windows ?? [])))
        {
            return null;
        }

        if (_r.Errors.Count > 0 || name is null || horizon is null || city is null || demand is null || travel is null
            || staffing is null || policy is null || callHandling is null || weights is null || targets is null
            || employment is null || !costsOk || !safetyOk)
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
            CallHandling = callHandling,
            RiskWeights = weights,
            ResponseTargets = targets,
            Employment = employment,
            Costs = costs,
            Safety = safety,
        };
    }

    /// <summary>Records each problem of a rule at the node its key path names; true when there were none.</summary>
    private bool Report(IEnumerable<ScenarioProblem> problems)
    {
        bool ok = true;
        foreach (var p in problems)
        {
            _r.Error(NodeAt(p.Path, p.AtKey), p.Path, p.Message);
            ok = false;
        }

        return ok;
    }

    /// <summary>
    /// The node a rule's key path names (<c>policy.changes[0].set.demand.multiplier</c>): the key's value, or the key
    /// itself when <paramref name="atKey"/>; a key that is not in the file names its mapping (where it is missing).
    /// Keys may hold dots (a window's <c>demand.multiplier</c>, a zone id), so the longest key that fits is taken.
    /// </summary>
    private YamlNode NodeAt(string path, bool atKey)
    {
        YamlNode node = _root;
        string rest = path;
        while (rest.Length > 0)
        {
            if (rest[0] == '[')
            {
                int close = rest.IndexOf(']', StringComparison.Ordinal);
                if (node is not YamlSequenceNode seq || close < 0
                    || !int.TryParse(rest[1..close], NumberStyles.None, CultureInfo.InvariantCulture, out int i) || i >= seq.Children.Count)
                {
                    return node;
                }

                node = seq.Children[i];
                rest = rest[(close + 1)..].TrimStart('.');
                continue;
            }

            if (node is not YamlMappingNode map)
            {
                return node;
            }

            (YamlNode Key, YamlNode Value)? found = null;
            int length = -1;
            foreach (var (k, v) in map.Children)
            {
                if (k is YamlScalarNode { Value: { } key } && key.Length > length && rest.StartsWith(key, StringComparison.Ordinal)
                    && (rest.Length == key.Length || rest[key.Length] is '.' or '['))
                {
                    (found, length) = ((k, v), key.Length);
                }
            }

            if (found is not { } entry)
            {
                return node;
            }

            rest = rest[length..];
            if (rest.Length == 0)
            {
                return atKey ? entry.Key : entry.Value;
            }

            rest = rest.TrimStart('.');
            node = entry.Value;
        }

        return node;
    }

    private Horizon? BindHorizon(MapReader? m)
    {
        if (m is null)
        {
            return null;
        }

        double? days = m.Read(Schema.Horizon.Days);
        double? warmup = m.Read(Schema.Horizon.WarmupDays);
        m.ReportUnknown();
        if (days is null || warmup is null)
        {
            return null;
        }

        var horizon = new Horizon(days.Value, warmup.Value);
        return Report(ScenarioRules.OfHorizon(horizon)) ? horizon : null;
    }

    private Travel? BindTravel(MapReader? m, City? city, IReadOnlyList<int>? priorities)
    {
        if (m is null)
        {
            return new Travel(TravelModel.Manhattan, 1.3, 1.0, new Dictionary<int, double> { [1] = 40 }, 0);
        }

        TravelModel? model = m.Read(Schema.Travel.Model);
        double? detour = m.Read(Schema.Travel.Detour);
        var (turnout, turnoutBy) = NumberOrByPriority(m, Schema.Travel.TurnoutMinutes, Schema.Travel.TurnoutByPriority);
        double? noise = m.Read(Schema.Travel.NoiseCv);
        var speedMap = m.Map(Schema.Travel.SpeedKmh);
        var speeds = ByPriority(speedMap, Schema.Travel.SpeedKmh);
        var metric = m.Read(Schema.Travel.Distance);
        var (acceleration, accelerationBy) = NumberOrByPriority(m, Schema.Travel.AccelerationMps2, Schema.Travel.AccelerationByPriority);
        var hourNode = m.Get(Schema.Travel.HourFactors.Name);
        double[]? hours = hourNode is null ? [] : NumberList(hourNode, m.PathOf(Schema.Travel.HourFactors.Name), Schema.Travel.HourFactors);
        var delay = DistributionsByPriority(m.Map(Schema.Travel.DelayMinutes), Schema.Travel.DelayMinutes, priorities);
        var (atScene, atSceneBy) = NumberOrByPriority(m, Schema.Travel.AtSceneShare, Schema.Travel.AtSceneByPriority);
        string? matrixFile = m.Read(Schema.Travel.Matrix);
        m.ReportUnknown();
        if (model is null || detour is null || turnout is null || noise is null || speeds is null || metric is null || turnoutBy is null
            || accelerationBy is null || hours is null || delay is null || atScene is null || atSceneBy is null)
        {
            return null;
        }

        if (speeds.Count == 0)
        {
            if (model is TravelModel.Manhattan or TravelModel.Curve && speedMap is null && m.Node.Children.Count > 0)
            {
                _r.Error(m.Node, m.PathOf(Schema.Travel.SpeedKmh.Name), "is missing; give speeds by priority, e.g. { 1: 60, 2: 45, 3: 40 }");
                return null;
            }

            speeds[1] = 40;
        }

        bool ok = CheckTravelKeys(m, model.Value);
        if (acceleration is { } a)
        {
            accelerationBy[1] = a;
        }

        TravelTimeMatrix? matrix = null;
        if (matrixFile is not null && city is not null && model == TravelModel.Matrix)
        {
            matrix = ReadMatrix(m, matrixFile, city);
            ok &= matrix is not null;
        }

        Dictionary<int, Distribution>? delays = null;
        if (delay.Value.ByPriority.Count > 0 || delay.Value.Default is not null)
        {
            delays = new Dictionary<int, Distribution>(delay.Value.ByPriority);
            for (int p = 1; p <= 9 && delay.Value.Default is { } fallback; p++)
            {
                delays.TryAdd(p, fallback);
            }
        }

        return !ok ? null : new Travel(model.Value, detour.Value, turnout.Value, speeds, noise.Value)
        {
            TurnoutByPriority = turnoutBy.Count > 0 ? turnoutBy : null,
            AccelerationMps2 = accelerationBy.Count > 0 ? accelerationBy : null,
            Metric = metric.Value,
            HourFactors = hours.Length == 24 ? hours : null,
            DelayByPriority = delays,
            AtSceneShare = AtScene(atScene.Value, atSceneBy),
            Matrix = matrix,
        };
    }

    /// <summary><c>travel.atSceneShare</c> by priority: one share for every priority, or the mapping; null when none is above 0.</summary>
    private static Dictionary<int, double>? AtScene(double share, Dictionary<int, double> byPriority)
    {
        var shares = byPriority.Count > 0 ? byPriority : Enumerable.Range(1, 9).ToDictionary(p => p, _ => share);
        return shares.Values.Any(v => v > 0) ? shares : null;
    }

    /// <summary>The keys that belong to other travel models are refused, and those a model needs are required.</summary>
    private bool CheckTravelKeys(MapReader m, TravelModel model)
    {
        bool ok = true;
        void Refuse(SchemaKey key, string message)
        {
            _r.Error(m.Get(key.Name) ?? m.Node, m.PathOf(key.Name), message);
            ok = false;
        }

        var accelerationKey = Schema.Travel.AccelerationMps2;
        var matrixKey = Schema.Travel.Matrix;
        if (model == TravelModel.Curve && !m.Has(accelerationKey.Name))
        {
            Refuse(accelerationKey, "is missing; the curve needs the effective acceleration in m/s² (a number, or by priority), e.g. accelerationMps2: 1.5");
        }

        if (model is TravelModel.Manhattan or TravelModel.None && m.Has(accelerationKey.Name))
        {
            Refuse(accelerationKey, "applies to the curve (and a matrix's trips inside a zone); set model: curve, or remove it");
        }

        if (model is TravelModel.Manhattan or TravelModel.None && m.Has(Schema.Travel.Distance.Name))
        {
            Refuse(Schema.Travel.Distance, "applies to the curve and the matrix (manhattan is L1 distance by definition); set model: curve, or remove it");
        }

        if (model == TravelModel.Matrix && !m.Has(matrixKey.Name))
        {
            Refuse(matrixKey, "is missing; the matrix model needs a CSV of zone × zone travel times, e.g. matrix: travel-times.csv");
        }

        if (model != TravelModel.Matrix && m.Has(matrixKey.Name))
        {
            Refuse(matrixKey, "applies to the matrix model; set model: matrix, or remove it");
        }

        return ok;
    }

    private TravelTimeMatrix? ReadMatrix(MapReader m, string file, City city) =>
        ReadNamedFile(m.Get(Schema.Travel.Matrix.Name), m.PathOf(Schema.Travel.Matrix.Name), file, "the travel-time matrix", (bytes, name) =>
        {
            using var reader = new StreamReader(new MemoryStream(bytes));
            return TravelTimeMatrix.Parse(reader, name, [.. city.Zones.Select(z => z.Id)]);
        });

    /// <summary>
    /// A file the scenario names at <paramref name="path"/>, read by <paramref name="parse"/>: a file that cannot be had
    /// is reported at the key, and the file's own problems (a <see cref="GeographyException"/>) after a line there that
    /// names it as <paramref name="what"/>, each with its line or feature. Null after a problem.
    /// </summary>
    private T? ReadNamedFile<T>(YamlNode? node, string path, string file, string what, Func<byte[], string, T> parse)
        where T : class
    {
        if (_files.Open(file, out string? problem) is not { } content)
        {
            _r.Error(node, path, problem!);
            return null;
        }

        try
        {
            return parse(content.Content, content.DisplayName);
        }
        catch (GeographyException e)
        {
            _r.Error(node, path, $"{what} {content.DisplayName} has {(e.Errors.Count == 1 ? "a problem" : $"{e.Errors.Count} problems")} (listed after this)");
            foreach (var g in e.Errors)
            {
                string where = g.FeatureIndex < 0 ? g.Key
                    : string.Create(CultureInfo.InvariantCulture, $"features[{g.FeatureIndex}]{(g.ZoneId is null ? "" : $" (id '{g.ZoneId}')")}{(g.Key.Length > 0 ? ": " + g.Key : "")}");
                _r.Errors.Add(new ScenarioError(g.Source, where, g.Line, 0, g.Message));
            }

            return null;
        }
    }

    /// <summary>A key given as one number or as a mapping by priority: (the number, its default, or null when absent without one; 0 for a mapping) and the mapping (empty for a number), the mapping null after a problem.</summary>
    private (double? Value, Dictionary<int, double>? ByPriority) NumberOrByPriority(MapReader m, NumberKey key, PriorityMapKey byPriority)
    {
        if (m.Get(key.Name) is YamlMappingNode)
        {
            return (0, ByPriority(m.Map(byPriority), byPriority));
        }

        return (m.Read(key), []);
    }

    private RiskWeights? BindRiskWeights(MapReader? m)
    {
        if (m is null)
        {
            return RiskWeights.Default;
        }

        double? low = m.Read(Schema.RiskWeights.Low);
        double? medium = m.Read(Schema.RiskWeights.Medium);
        double? high = m.Read(Schema.RiskWeights.High);
        m.ReportUnknown();
        return low is null || medium is null || high is null ? null : new RiskWeights(low.Value, medium.Value, high.Value);
    }

    private Dictionary<int, double>? BindTargets(MapReader? m)
    {
        if (m is null)
        {
            return [];
        }

        var targets = ByPriority(m.Map(Schema.Targets.ResponseMinutes), Schema.Targets.ResponseMinutes);
        m.ReportUnknown();
        return targets;
    }

    /// <summary>A mapping from priority to number (empty when absent), or null after reporting a problem.</summary>
    private Dictionary<int, double>? ByPriority(MapReader? m, PriorityMapKey key)
    {
        var values = new Dictionary<int, double>();
        if (m is null)
        {
            return values;
        }

        bool ok = true;
        foreach (var (k, keyNode, value) in m.Entries)
        {
            string p = m.PathOf(k);
            if (!IsPriority(k, out int priority))
            {
                _r.Error(keyNode, p, $"'{k}' is not a priority; keys are priorities 1–9");
                ok = false;
                continue;
            }

            double? v = _r.Number(value, p, key.Each);
            if (v is null)
            {
                ok = false;
                continue;
            }

            values[priority] = v.Value;
        }

        return ok ? values : null;
    }

    /// <summary>
    /// A mapping from call-type priority to a distribution, and the distribution under the key's
    /// <see cref="PriorityDistributionsKey.DefaultKey"/> (both empty when absent), or null after reporting a
    /// problem. Without the call types (demand did not bind) any priority 1–9 is accepted.
    /// </summary>
    private (Dictionary<int, Distribution> ByPriority, Distribution? Default)? DistributionsByPriority(
        MapReader? m, PriorityDistributionsKey key, IReadOnlyList<int>? priorities)
    {
        var values = new Dictionary<int, Distribution>();
        Distribution? fallback = null;
        if (m is null)
        {
            return (values, fallback);
        }

        bool ok = true;
        foreach (var (k, keyNode, value) in m.Entries)
        {
            string p = m.PathOf(k);
            bool isDefault = k == key.DefaultKey;
            int priority = 0;
            if (!isDefault && !(IsPriority(k, out priority) && (priorities is null || priorities.Contains(priority))))
            {
                // Checked as the keys are read, so that a mistyped key ('defualt') and a priority no call type has are
                // reported together in file order; ScenarioRules checks the priorities of a scenario built in code, in the same words.
                _r.Error(keyNode, p, ScenarioRules.NotACallTypePriority(k, priorities, key.DefaultKey));
                ok = false;
                continue;
            }

            var distribution = BindDistribution(_r.Map(value, p, true, Schema.Distribution.Section.KeyNames));
            if (distribution is null)
            {
                ok = false;
            }
            else if (isDefault)
            {
                fallback = distribution;
            }
            else
            {
                values[priority] = distribution;
            }
        }

        return ok ? (values, fallback) : null;
    }

    private static bool IsPriority(string key, out int priority) =>
        int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out priority) && priority >= 1 && priority <= 9;

    /// <summary>
    /// The items of a list of mappings, each bound by <paramref name="bind"/> (null after reporting a
    /// problem); null when the list is not a list, is empty and <paramref name="what"/> is given, or any
    /// item failed.
    /// </summary>
    private List<T>? Items<T>(YamlNode node, string path, ListKey key, string? what, Func<MapReader, T?> bind)
        where T : class
    {
        var seq = _r.Sequence(node, path);
        if (seq is null)
        {
            return null;
        }

        if (what is not null && seq.Children.Count == 0)
        {
            _r.Error(node, path, $"is empty; list at least one {what}");
            return null;
        }

        var items = new List<T>();
        bool ok = true;
        for (int i = 0; i < seq.Children.Count; i++)
        {
            var item = _r.Map(seq.Children[i], Index(path, i), key.Item) is { } m ? bind(m) : null;
            if (item is null)
            {
                ok = false;
            }
            else
            {
                items.Add(item);
            }
        }

        return ok ? items : null;
    }

    private double[]? NumberList(YamlNode node, string path, NumberListKey key)
    {
        var seq = _r.Sequence(node, path);
        if (seq is null)
        {
            return null;
        }

        if (key.Count >= 0 && seq.Children.Count != key.Count)
        {
            _r.Error(node, path, FormattableString.Invariant($"has {seq.Children.Count} values; it needs {key.Count}: {key.What}"));
            return null;
        }

        if (key.Count < 0 && seq.Children.Count == 0)
        {
            _r.Error(node, path, $"is empty; give {key.What}");
            return null;
        }

        var values = new double[seq.Children.Count];
        bool ok = true;
        for (int i = 0; i < values.Length; i++)
        {
            double? v = _r.Number(seq.Children[i], Index(path, i), key.Min, key.Max);
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
