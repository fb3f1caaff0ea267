using PatrolSim.Model.Definition;
using Schema = PatrolSim.Scenarios.ScenarioSchema;

namespace PatrolSim.Scenarios;

/// <summary>Call handling: call-taking (intake) by priority and the dispatcher's processing time.</summary>
internal sealed partial class ScenarioBinder
{
    private CallHandling? BindCallHandling(MapReader? m, IReadOnlyList<int>? priorities)
    {
        if (m is null)
        {
            return CallHandling.None;
        }

        var intake = DistributionsByPriority(m.Map(Schema.CallHandling.IntakeMinutes), Schema.CallHandling.IntakeMinutes, priorities);
        var processingKey = Schema.CallHandling.ProcessingMinutes;
        var processing = m.Has(processingKey) ? BindDistribution(m.Map(processingKey)) : null;
        bool processingOk = !m.Has(processingKey) || processing is not null;
        m.ReportUnknown();
        if (intake is not { } i || !processingOk)
        {
            return null;
        }

        var handling = new CallHandling(i.ByPriority, i.Default, processing);
        return Report(ScenarioRules.OfCallHandling(handling, priorities)) ? handling : null;
    }
}
