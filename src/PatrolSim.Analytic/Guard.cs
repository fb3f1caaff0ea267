using System.Globalization;

namespace PatrolSim.Analytic;

/// <summary>Argument checks shared by the analytic models; messages name the argument, the bad value and the rule.</summary>
internal static class Guard
{
    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    internal static void NonNegativeFinite(double value, string name)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} is {Format(value)}: it must be a finite number >= 0.");
        }
    }

    internal static void PositiveFinite(double value, string name)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} is {Format(value)}: it must be a finite number > 0.");
        }
    }

    internal static void AtLeastOne(int value, string name)
    {
        if (value < 1)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} is {value.ToString(CultureInfo.InvariantCulture)}: it must be at least 1.");
        }
    }

    internal static void Stable(double offeredLoad, int servers, string name)
    {
        if (offeredLoad >= servers)
        {
            throw new ArgumentException(
                $"{name}: offered load {Format(offeredLoad)} erlangs on {servers.ToString(CultureInfo.InvariantCulture)} servers gives utilisation "
                + $"{Format(offeredLoad / servers)} >= 1, so the queue has no steady state; add servers or reduce the load.",
                name);
        }
    }
}
