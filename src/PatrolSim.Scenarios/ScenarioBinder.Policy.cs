using PatrolSim.Model.Definition;
using YamlDotNet.RepresentationModel;
using Schema = PatrolSim.Scenarios.ScenarioSchema;

namespace PatrolSim.Scenarios;

/// <summary>Policy: crews, backup, dispatch, and the windows that switch them for a while.</summary>
internal sealed partial class ScenarioBinder
{
    private static readonly string[] SwitchablePaths = [.. Schema.Change.Switchable.Select(s => s.Path)];

    private Policy? BindPolicy(MapReader? m, City? city, Horizon? horizon)
    {
        if (m is null)
        {
            return new Policy(new CrewPolicy(0), new BackupPolicy(BackupRule.None, RiskLevel.Medium, Engagement.Alone), DispatchPolicy.Closest, []);
        }

        double? share = 0;
        var crew = m.Map(Schema.Crew.Section);
        if (crew is not null)
        {
            share = crew.Read(Schema.Crew.TwoOfficerShare);
            crew.ReportUnknown();
        }

        BackupRule? rule = BackupRule.None;
        RiskLevel? minRisk = RiskLevel.Medium;
        Engagement? engage = Engagement.Alone;
        var backup = m.Map(Schema.Backup.Section);
        if (backup is not null)
        {
            rule = backup.Read(Schema.Backup.Rule);
            minRisk = backup.Read(Schema.Backup.MinRisk);
            engage = backup.Read(Schema.Backup.Engage);
            backup.ReportUnknown();
        }

        DispatchPolicy? dispatch = DispatchPolicy.Closest;
        var dm = m.Map(Schema.Dispatch.Section);
        if (dm is not null)
        {
            dispatch = BindDispatch(dm, city);
        }

        var changesKey = Schema.Policy.Changes;
        List<PolicyChange>? changes = m.Get(changesKey) is { } cn
            ? Items(cn, m.PathOf(changesKey.Name), changesKey, null, cm => BindChange(cm, horizon))
            : [];

        m.ReportUnknown();
        if (share is null || rule is null || minRisk is null || engage is null || dispatch is null || changes is null)
        {
            return null;
        }

        return new Policy(new CrewPolicy(share.Value), new BackupPolicy(rule.Value, minRisk.Value, engage.Value), dispatch, changes);
    }

    private DispatchPolicy? BindDispatch(MapReader m, City? city)
    {
        DispatchRule? rule = m.Read(Schema.Dispatch.Rule);
        var prefs = new Dictionary<string, IReadOnlyList<int>>(StringComparer.Ordinal);
        bool ok = true;
        var listKey = Schema.Dispatch.Preferences;
        var pm = m.Map(listKey);
        if (pm is not null)
        {
            var zoneIds = city?.Zones.Select(z => z.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var (key, keyNode, value) in pm.Entries)
            {
                string p = pm.PathOf(key);
                if (zoneIds is not null && !zoneIds.Contains(key))
                {
                    string? guess = YamlReader.DidYouMean(key, zoneIds);
                    _r.Error(keyNode, p, $"'{key}' is not a zone id{DidYouMean(guess)}; beats are numbered 1..rows×cols row by row");
                    ok = false;
                    continue;
                }

                var list = NumberList(value, p, listKey);
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
            _r.Error(m.Node, m.PathOf(listKey.Name), "is missing; dispatch rule 'preference' needs a list of unit numbers per zone, e.g. preferences: { \"1\": [1, 2, 3] }");
            ok = false;
        }

        return rule is null || !ok ? null : new DispatchPolicy(rule.Value, prefs);
    }

    private PolicyChange? BindChange(MapReader m, Horizon? horizon)
    {
        double? at = null;
        string atPath = m.PathOf(Schema.Change.At.Name);
        var atNode = m.Get(Schema.Change.At);
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
                _r.Error(atNode, atPath, $"{YamlReader.Describe(atNode)} is not a time; write \"day D HH:MM\" (day 0 is the first Monday) or a number of hours");
            }
            else if (horizon is not null && at >= horizon.Days * 1440)
            {
                _r.Error(atNode, atPath, $"is after the horizon ({YamlReader.Fmt(horizon.Days)} days); the window would never open");
                at = null;
            }
        }

        double? duration = m.Read(Schema.Change.DurationHours);
        bool? immediate = m.Read(Schema.Change.Immediate);
        var set = BindSwitches(m.Map(Schema.Change.Set));
        m.ReportUnknown();
        return at is null || duration is null || immediate is null || set is null ? null : new PolicyChange(at.Value, duration.Value, set, immediate.Value);
    }

    /// <summary>The <c>set:</c> of a policy window: keys of <see cref="ScenarioSchema.Change.Switchable"/>.</summary>
    private PolicyOverrides? BindSwitches(MapReader? m)
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
            var slot = Schema.Change.Switchable.FirstOrDefault(s => s.Path == key).Key;
            if (slot is null)
            {
                string? guess = YamlReader.DidYouMean(key, SwitchablePaths);
                _r.Error(keyNode, p, $"'{rawKey}' cannot be switched by a policy window{DidYouMean(guess)}; allowed: {string.Join(", ", SwitchablePaths)}");
                ok = false;
                continue;
            }

            var next = Switch(result, slot, value, p);
            ok &= next is not null;
            result = next ?? result;
        }

        if (m.Node.Children.Count == 0)
        {
            _r.Error(m.Node, m.Path, $"is empty; set at least one of {string.Join(", ", SwitchablePaths)}");
            ok = false;
        }

        return ok ? result : null;
    }

    /// <summary>The overrides with one switchable key set from <paramref name="node"/>, or null after reporting a bad value.</summary>
    private PolicyOverrides? Switch(PolicyOverrides o, SchemaKey key, YamlNode node, string path) => key switch
    {
        NumberKey k when ReferenceEquals(k, Schema.Crew.TwoOfficerShare) => _r.Number(node, path, k.Min, k.Max) is { } v ? o with { TwoOfficerShare = v } : null,
        ChoiceKey<BackupRule> k when ReferenceEquals(k, Schema.Backup.Rule) => _r.Choice(node, path, k.Words) is { } v ? o with { BackupRule = v } : null,
        ChoiceKey<RiskLevel> k when ReferenceEquals(k, Schema.Backup.MinRisk) => _r.Choice(node, path, k.Words) is { } v ? o with { MinRisk = v } : null,
        ChoiceKey<Engagement> k when ReferenceEquals(k, Schema.Backup.Engage) => _r.Choice(node, path, k.Words) is { } v ? o with { Engage = v } : null,
        ChoiceKey<DispatchRule> k when ReferenceEquals(k, Schema.Dispatch.Rule) => _r.Choice(node, path, k.Words) is { } v ? o with { DispatchRule = v } : null,
        _ => throw new InvalidOperationException($"ScenarioSchema.Change.Switchable lists {key.Name}, which the binder cannot set"),
    };

    private static string DidYouMean(string? guess) => guess is null ? "" : $" (did you mean '{guess}'?)";
}
