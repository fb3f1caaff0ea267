using System.Globalization;
using PatrolSim.Model.Definition;
using YamlDotNet.RepresentationModel;
using Schema = PatrolSim.Scenarios.ScenarioSchema;

namespace PatrolSim.Scenarios;

/// <summary>The city: its size and its zones, as a grid of beats or explicit rectangles.</summary>
internal sealed partial class ScenarioBinder
{
    private City? BindCity(MapReader? m)
    {
        if (m is null)
        {
            return null;
        }

        double? w = m.Read(Schema.City.WidthKm);
        double? h = m.Read(Schema.City.HeightKm);
        var zonesKey = Schema.City.Zones;
        bool hasBeats = m.Has(Schema.Beats.Section);
        bool hasZones = m.Has(zonesKey);
        List<Zone>? zones = null;
        if (hasBeats && hasZones)
        {
            _r.Error(m.Get(zonesKey), m.PathOf(zonesKey.Name), "give either beats (a grid) or zones (explicit rectangles), not both");
        }
        else if (hasBeats)
        {
            zones = BindBeats(m.Map(Schema.Beats.Section), w, h);
        }
        else if (hasZones)
        {
            zones = BindZones(m.Get(zonesKey)!, m.PathOf(zonesKey.Name), w, h);
        }
        else
        {
            _r.Error(m.Node, m.PathOf(Schema.Beats.Section.Name), "is missing; give beats: { rows: R, cols: C } or a list of zones");
        }

        m.ReportUnknown();
        if (w is null || h is null || zones is null)
        {
            return null;
        }

        var city = new City(w.Value, h.Value, zones);
        return Report(ScenarioRules.OfCity(city)) ? city : null;
    }

    private List<Zone>? BindBeats(MapReader? m, double? width, double? height)
    {
        if (m is null)
        {
            return null;
        }

        int? rows = m.Read(Schema.Beats.Rows);
        int? cols = m.Read(Schema.Beats.Cols);
        var weightsNode = m.Get(Schema.Beats.Weights);
        m.ReportUnknown();
        if (rows is null || cols is null || width is null || height is null)
        {
            return null;
        }

        double[]? weights = null;
        if (weightsNode is not null)
        {
            int count = rows.Value * cols.Value;
            var key = Schema.Beats.Weights with { Count = count, What = $"one per beat, {count} in all (row by row from the south-west)" };
            weights = NumberList(weightsNode, m.PathOf(key.Name), key);
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
        return Items(node, path, Schema.City.Zones, "zone", m =>
        {
            string? id = m.Read(Schema.Zone.Id);
            double? x = m.Read(Schema.Zone.XKm with { Max = width ?? double.PositiveInfinity });
            double? y = m.Read(Schema.Zone.YKm with { Max = height ?? double.PositiveInfinity });
            double? zw = m.Read(Schema.Zone.WidthKm);
            double? zh = m.Read(Schema.Zone.HeightKm);
            double? weight = m.Read(Schema.Zone.Weight);
            m.ReportUnknown();
            if (id is null || x is null || y is null || zw is null || zh is null || weight is null)
            {
                return null;
            }

            return new Zone(id, x.Value, y.Value, zw.Value, zh.Value, weight.Value);
        });
    }
}
