using PatrolSim.Model.Definition;
using YamlDotNet.RepresentationModel;
using Schema = PatrolSim.Scenarios.ScenarioSchema;

namespace PatrolSim.Scenarios;

/// <summary>Policy: crews, backup, dispatch (with holding and reserve), preemption, and the windows that switch some of them for a while.</summary>
internal sealed partial class ScenarioBinder
{
    private static readonly string[] SwitchablePaths = [.. Schema.Change.Switchable.Select(s => s.Path)];

    private Policy? BindPolicy(MapReader? m, City? city, Horizon? horizon, Staffing? staffing, IReadOnlyList<int>? priorities)
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
            dispatch = BindDispatch(dm, staffing, priorities);
        }

        var changesKey = Schema.Policy.Changes;
        List<PolicyChange>? changes = m.Get(changesKey) is { } cn
            ? Items(cn, m.PathOf(changesKey.Name), changesKey, null, BindChange)
            : [];
        _windows = changes;

        var pm = m.Map(Schema.Preemption.Section);
        var preemption = pm is null ? null : BindPreemption(pm);
        BackupUnitsPolicy? backupUnits = null;
        bool backupUnitsOk = true;
        if (m.Map(Schema.BackupUnits.Section) is { } bu)
        {
            RiskLevel? first = bu.Has(Schema.BackupUnits.FirstResponseFromRisk) ? bu.Read(Schema.BackupUnits.FirstResponseFromRisk) : null;
            bool? prefer = bu.Read(Schema.BackupUnits.PreferForBackup);
            string within = Schema.BackupUnits.PreferWithinMinutes.Name;
            double? cap = bu.Has(within) ? bu.Read(Schema.BackupUnits.PreferWithinMinutes) : null;
            bu.ReportUnknown();
            backupUnitsOk = prefer is not null && (!bu.Has(Schema.BackupUnits.FirstResponseFromRisk) || first is not null) && (!bu.Has(within) || cap is not null);
            if (cap is not null && prefer == false)
            {
                _r.Error(bu.Get(within), bu.PathOf(within), "applies only when backup-only units are preferred for backup; set preferForBackup: true, or remove preferWithinMinutes");
                backupUnitsOk = false;
            }

            backupUnits = backupUnitsOk ? new BackupUnitsPolicy(first, prefer!.Value, cap) : null;
        }

        m.ReportUnknown();
        if (share is null || rule is null || minRisk is null || engage is null || dispatch is null || changes is null || (pm is not null && preemption is null) || !backupUnitsOk)
        {
            return null;
        }

        var policy = new Policy(new CrewPolicy(share.Value), new BackupPolicy(rule.Value, minRisk.Value, engage.Value), dispatch, changes, preemption, backupUnits);
        return Report(ScenarioRules.OfPolicy(policy, city, horizon, staffing, priorities)) ? policy : null;
    }

    private DispatchPolicy? BindDispatch(MapReader m, Staffing? staffing, IReadOnlyList<int>? priorities)
    {
        int? maxUnit = staffing?.MaxUnitNumber();
        DispatchRule? rule = m.Read(Schema.Dispatch.Rule);
        var prefs = new Dictionary<string, IReadOnlyList<int>>(StringComparer.Ordinal);
        bool ok = true;
        var listKey = Schema.Dispatch.Preferences;
        var pm = m.Map(listKey);
        if (pm is not null)
        {
            // With the staffing known, every number outside 1 … the largest possible unit number gets one message from
            // ScenarioRules (as do zone ids that are not the city's).
            var readKey = maxUnit is null ? listKey : listKey with { Min = double.NegativeInfinity, Max = double.PositiveInfinity };
            foreach (var (key, _, value) in pm.Entries)
            {
                string p = pm.PathOf(key);
                var list = NumberList(value, p, readKey);
                if (list is null || list.Any(v => v != Math.Floor(v)))
                {
                    if (list is not null)
                    {
                        _r.Error(value, p, "unit numbers must be whole numbers");
                    }

                    ok = false;
                    continue;
                }

                prefs[key] = [.. list.Select(v => (int)Math.Clamp(v, int.MinValue, int.MaxValue))];
            }
        }

        var hold = DistributionsByPriority(m.Map(Schema.Dispatch.HoldMinutes), Schema.Dispatch.HoldMinutes, priorities);
        var rm = m.Map(Schema.Reserve.Section);
        var reserve = rm is null ? null : BindReserve(rm);
        m.ReportUnknown();
        ok &= hold is not null && (rm is null || reserve is not null);
        return rule is null || !ok ? null : new DispatchPolicy(rule.Value, prefs, hold is { ByPriority.Count: > 0 } h ? h.ByPriority : null, reserve);
    }

    private static ReserveRule? BindReserve(MapReader m)
    {
        int? from = m.Read(Schema.Reserve.FromPriority);
        int? keep = m.Read(Schema.Reserve.KeepFreeUnits);
        m.ReportUnknown();
        return from is null || keep is null ? null : new ReserveRule(from.Value, keep.Value);
    }

    private static Preemption? BindPreemption(MapReader m)
    {
        int? upTo = m.Read(Schema.Preemption.UpToPriority);
        bool? self = m.Read(Schema.Preemption.SelfInitiated);
        var fromKey = Schema.Preemption.FromCallsAtPriority;
        int? from = m.Read(fromKey);
        bool fromOk = !m.Has(fromKey) || from is not null;
        m.ReportUnknown();
        return upTo is null || self is null || !fromOk ? null : new Preemption(upTo.Value, self.Value, from);
    }

    private PolicyChange? BindChange(MapReader m)
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
        IntegerKey k when ReferenceEquals(k, Schema.Staffing.PullOfficers) => _r.Integer(node, path, k.Min, k.Max) is { } v ? o with { PullOfficers = v } : null,
        NumberKey k when ReferenceEquals(k, Schema.Demand.Multiplier) => _r.Number(node, path, k.Min, k.Max, k.MinExclusive) is { } v ? o with { DemandMultiplier = v } : null,
        _ => throw new InvalidOperationException($"ScenarioSchema.Change.Switchable lists {key.Name}, which the binder cannot set"),
    };

    private static string DidYouMean(string? guess) => guess is null ? "" : $" (did you mean '{guess}'?)";
}
