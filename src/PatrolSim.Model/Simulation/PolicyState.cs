using PatrolSim.Model.Definition;

namespace PatrolSim.Model.Simulation;

/// <summary>
/// The policy in force: the base policy with every open window's overrides applied in window order.
/// The one place that answers "what rules apply to this call" (officers needed) and "which crew
/// policy forms the next units".
/// </summary>
internal sealed class PolicyState
{
    private readonly Policy _policy;
    private readonly bool[] _windowOpen;

    public PolicyState(Policy policy)
    {
        _policy = policy;
        _windowOpen = new bool[policy.Changes.Count];
        Apply();
    }

    /// <summary>Share of officers in two-officer cars for units formed now.</summary>
    public double TwoOfficerShare { get; private set; }

    public BackupRule BackupRule { get; private set; }

    public RiskLevel MinRisk { get; private set; }

    public Engagement Engage { get; private set; }

    public DispatchRule DispatchRule { get; private set; }

    /// <summary>Call volume multiplier in force (1 outside demand windows).</summary>
    public double DemandMultiplier { get; private set; } = 1;

    /// <summary>Officers pulled off patrol in force (0 outside staffing windows).</summary>
    public int PullOfficers { get; private set; }

    /// <summary>Opens or closes window <paramref name="index"/>; true when the crew policy changed.</summary>
    public bool SetWindow(int index, bool open)
    {
        double before = TwoOfficerShare;
        _windowOpen[index] = open;
        Apply();
        return before != TwoOfficerShare;
    }

    /// <summary>Officers a call of this type needs under the backup rule in force.</summary>
    public int NeededOfficers(in CallType type)
    {
        int k = type.Officers;
        bool two = BackupRule switch
        {
            BackupRule.AllCalls => true,
            BackupRule.Risk => type.Risk != RiskLevel.None && type.Risk >= MinRisk,
            _ => false,
        };
        return two ? Math.Max(k, 2) : k;
    }

    private void Apply()
    {
        TwoOfficerShare = _policy.Crew.TwoOfficerShare;
        BackupRule = _policy.Backup.Rule;
        MinRisk = _policy.Backup.MinRisk;
        Engage = _policy.Backup.Engage;
        DispatchRule = _policy.Dispatch.Rule;
        DemandMultiplier = 1;
        PullOfficers = 0;
        for (int i = 0; i < _windowOpen.Length; i++)
        {
            if (!_windowOpen[i])
            {
                continue;
            }

            var set = _policy.Changes[i].Set;
            TwoOfficerShare = set.TwoOfficerShare ?? TwoOfficerShare;
            BackupRule = set.BackupRule ?? BackupRule;
            MinRisk = set.MinRisk ?? MinRisk;
            Engage = set.Engage ?? Engage;
            DispatchRule = set.DispatchRule ?? DispatchRule;
            DemandMultiplier = set.DemandMultiplier ?? DemandMultiplier;
            PullOfficers = set.PullOfficers ?? PullOfficers;
        }
    }
}
