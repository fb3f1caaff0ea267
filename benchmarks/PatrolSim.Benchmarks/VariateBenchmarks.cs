using BenchmarkDotNet.Attributes;
using MathNet.Numerics.Distributions;
using PatrolSim.Engine.Random;

namespace PatrolSim.Benchmarks;

/// <summary>Exponential variates: PatrolSim's inversion on xoshiro256** against MathNet's sampler on MathNet's own xoshiro256**.</summary>
[Config(typeof(ShortRunConfig))]
public class ExponentialVariateBenchmarks
{
    private const int Draws = 1000;
    private Xoshiro256 _rng = null!;
    private Exponential _mathNet = null!;

    /// <summary>Seeds both generators.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _rng = new Xoshiro256(1);
        _mathNet = new Exponential(1.0 / 3.0, new MathNet.Numerics.Random.Xoshiro256StarStar(1));
    }

    /// <summary>MathNet.Numerics.Distributions.Exponential.Sample().</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Draws)]
    public double MathNet()
    {
        double sum = 0;
        for (int i = 0; i < Draws; i++)
        {
            sum += _mathNet.Sample();
        }

        return sum;
    }

    /// <summary><see cref="Xoshiro256.Exponential"/>.</summary>
    [Benchmark(OperationsPerInvoke = Draws)]
    public double PatrolSim()
    {
        double sum = 0;
        for (int i = 0; i < Draws; i++)
        {
            sum += _rng.Exponential(3.0);
        }

        return sum;
    }
}

/// <summary>Lognormal variates from (mean, cv): PatrolSim's against MathNet's sampler on MathNet's own xoshiro256**.</summary>
[Config(typeof(ShortRunConfig))]
public class LogNormalVariateBenchmarks
{
    private const int Draws = 1000;
    private Xoshiro256 _rng = null!;
    private LogNormal _mathNet = null!;

    /// <summary>Seeds both generators.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _rng = new Xoshiro256(1);
        _mathNet = LogNormal.WithMeanVariance(20, 10 * 10, new MathNet.Numerics.Random.Xoshiro256StarStar(1));
    }

    /// <summary>MathNet.Numerics.Distributions.LogNormal.Sample().</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Draws)]
    public double MathNet()
    {
        double sum = 0;
        for (int i = 0; i < Draws; i++)
        {
            sum += _mathNet.Sample();
        }

        return sum;
    }

    /// <summary><see cref="Xoshiro256.LogNormal"/> with mean 20 and cv 0.5 (parameters converted per call, as the model does).</summary>
    [Benchmark(OperationsPerInvoke = Draws)]
    public double PatrolSim()
    {
        double sum = 0;
        for (int i = 0; i < Draws; i++)
        {
            sum += _rng.LogNormal(20, 0.5);
        }

        return sum;
    }
}
