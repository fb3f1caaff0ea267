using PatrolSim.Calibration.Cad;

namespace PatrolSim.Calibration.Fitting;

/// <summary>
/// The one definition of the observed intervals that calibration targets and fit-check compare (minutes): an interval
/// counts when both ends are known and it lies between 0 and <see cref="MaxMinutes"/> (24 h), whatever the row's other
/// times (as ../shared/tools/observed_queue_delay.py defines the observed queue delay).
/// </summary>
public static class ObservedIntervals
{
    /// <summary>Longest interval counted, minutes (longer ones are records left open).</summary>
    public const double MaxMinutes = 24 * 60;

    /// <summary>Queue delay: received → first dispatch.</summary>
    public static double? QueueDelayMinutes(CadCall call) => Minutes(TimeSpan.Zero, Require(call).Dispatched);

    /// <summary>Call handling: received → queued (ready for dispatch).</summary>
    public static double? HandlingMinutes(CadCall call) => Minutes(TimeSpan.Zero, Require(call).Queued);

    /// <summary>Dispatch processing: queued → first dispatch.</summary>
    public static double? QueuedToDispatchMinutes(CadCall call) => Minutes(Require(call).Queued, call.Dispatched);

    /// <summary>Response: received → first unit on scene.</summary>
    public static double? ResponseMinutes(CadCall call) => Minutes(TimeSpan.Zero, Require(call).Arrived);

    /// <summary>Turnout: first dispatch → first unit en route.</summary>
    public static double? TurnoutMinutes(CadCall call) => Minutes(Require(call).Dispatched, call.EnRoute);

    /// <summary>Travel: first unit en route → first unit on scene.</summary>
    public static double? TravelMinutes(CadCall call) => Minutes(Require(call).EnRoute, call.Arrived);

    /// <summary>First dispatch → first unit on scene (turnout and travel together, for exports without an en-route time).</summary>
    public static double? DispatchToSceneMinutes(CadCall call) => Minutes(Require(call).Dispatched, call.Arrived);

    private static double? Minutes(TimeSpan? from, TimeSpan? to)
    {
        if (from is not { } f || to is not { } t) return null;
        var minutes = (t - f).TotalMinutes;
        return minutes is >= 0 and <= MaxMinutes ? minutes : null;
    }

    private static CadCall Require(CadCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return call;
    }
}
