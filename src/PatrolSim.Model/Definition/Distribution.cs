using PatrolSim.Engine.Random;

namespace PatrolSim.Model.Definition;

/// <summary>The families a <see cref="Distribution"/> can be; scenario files name them in <c>dist:</c>.</summary>
public enum DistributionKind
{
    /// <summary><see cref="ExponentialDistribution"/>.</summary>
    Exponential,

    /// <summary><see cref="LogNormalDistribution"/>.</summary>
    LogNormal,

    /// <summary><see cref="GammaDistribution"/>.</summary>
    Gamma,

    /// <summary><see cref="ConstantDistribution"/>.</summary>
    Constant,

    /// <summary><see cref="EmpiricalDistribution"/>.</summary>
    Empirical,
}

/// <summary>A non-negative duration distribution in minutes.</summary>
public abstract record Distribution
{
    /// <summary>Which family this is.</summary>
    public abstract DistributionKind Kind { get; }

    /// <summary>The mean, minutes.</summary>
    public abstract double Mean { get; }

    /// <summary>Draws one value, minutes.</summary>
    public abstract double Sample(Xoshiro256 rng);

    /// <summary>Short description, e.g. "lognormal(mean 45, cv 0.8)".</summary>
    public abstract string Describe();
}

/// <summary>Exponential with the given mean.</summary>
public sealed record ExponentialDistribution(double MeanMinutes) : Distribution
{
    /// <inheritdoc/>
    public override DistributionKind Kind => DistributionKind.Exponential;

    /// <inheritdoc/>
    public override double Mean => MeanMinutes;

    /// <inheritdoc/>
    public override double Sample(Xoshiro256 rng) => rng.Exponential(MeanMinutes);

    /// <inheritdoc/>
    public override string Describe() => FormattableString.Invariant($"exponential(mean {MeanMinutes:0.###})");
}

/// <summary>Lognormal with the given mean and coefficient of variation.</summary>
public sealed record LogNormalDistribution(double MeanMinutes, double Cv) : Distribution
{
    /// <inheritdoc/>
    public override DistributionKind Kind => DistributionKind.LogNormal;

    private readonly (double Mu, double Sigma) _p = Xoshiro256.LogNormalParameters(MeanMinutes, Cv);

    /// <inheritdoc/>
    public override double Mean => MeanMinutes;

    /// <inheritdoc/>
    public override double Sample(Xoshiro256 rng) => rng.LogNormalMuSigma(_p.Mu, _p.Sigma);

    /// <inheritdoc/>
    public override string Describe() => FormattableString.Invariant($"lognormal(mean {MeanMinutes:0.###}, cv {Cv:0.###})");
}

/// <summary>Gamma with the given mean and coefficient of variation (shape 1/cv², scale mean·cv²).</summary>
public sealed record GammaDistribution(double MeanMinutes, double Cv) : Distribution
{
    /// <inheritdoc/>
    public override DistributionKind Kind => DistributionKind.Gamma;

    /// <inheritdoc/>
    public override double Mean => MeanMinutes;

    /// <inheritdoc/>
    public override double Sample(Xoshiro256 rng) => rng.Gamma(1.0 / (Cv * Cv), MeanMinutes * Cv * Cv);

    /// <inheritdoc/>
    public override string Describe() => FormattableString.Invariant($"gamma(mean {MeanMinutes:0.###}, cv {Cv:0.###})");
}

/// <summary>Always the same value.</summary>
public sealed record ConstantDistribution(double Value) : Distribution
{
    /// <inheritdoc/>
    public override DistributionKind Kind => DistributionKind.Constant;

    /// <inheritdoc/>
    public override double Mean => Value;

    /// <inheritdoc/>
    public override double Sample(Xoshiro256 rng) => Value;

    /// <inheritdoc/>
    public override string Describe() => FormattableString.Invariant($"constant({Value:0.###})");
}

/// <summary>Resamples the given observed values with equal probability.</summary>
public sealed record EmpiricalDistribution : Distribution
{
    private readonly double[] _values;

    /// <summary>Creates the distribution from at least one non-negative value.</summary>
    public EmpiricalDistribution(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("An empirical distribution needs at least one value.", nameof(values));
        }

        _values = [.. values];
        Mean = _values.Average();
    }

    /// <inheritdoc/>
    public override DistributionKind Kind => DistributionKind.Empirical;

    /// <summary>The values.</summary>
    public IReadOnlyList<double> Values => _values;

    /// <inheritdoc/>
    public override double Mean { get; }

    /// <inheritdoc/>
    public override double Sample(Xoshiro256 rng) => _values[rng.NextInt(_values.Length)];

    /// <inheritdoc/>
    public override string Describe() => FormattableString.Invariant($"empirical({_values.Length} values, mean {Mean:0.###})");

    /// <inheritdoc/>
    public bool Equals(EmpiricalDistribution? other) => other is not null && _values.AsSpan().SequenceEqual(other._values);

    /// <inheritdoc/>
    public override int GetHashCode() => _values.Length;
}
