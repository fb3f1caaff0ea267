using System.Globalization;
using System.Text;
using PatrolSim.Reports.Charts;

namespace PatrolSim.Reports.Html;

/// <summary>A chart of a report with the stable file name it gets under <c>--svg DIR</c> (e.g. "run-response-p1.svg").</summary>
/// <param name="FileName">File name (lower case, no folder).</param>
/// <param name="Chart">The chart.</param>
public sealed record ReportChart(string FileName, Chart Chart);

/// <summary>A table: header cells, rows of cells; cells right-aligned when <see cref="NumericColumns"/> says so.</summary>
/// <param name="Header">Column titles.</param>
/// <param name="Rows">Rows of plain-text cells.</param>
public sealed record ReportTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>Caption above the table.</summary>
    public string? Caption { get; init; }

    /// <summary>Indexes of columns holding numbers (right-aligned, tabular figures).</summary>
    public IReadOnlySet<int> NumericColumns { get; init; } = new HashSet<int>();
}

/// <summary>One block of a section: a paragraph, a table, a chart or a key–value list.</summary>
public abstract record ReportBlock;

/// <summary>A paragraph of plain text.</summary>
public sealed record ParagraphBlock(string Text) : ReportBlock;

/// <summary>A table.</summary>
public sealed record TableBlock(ReportTable Table) : ReportBlock;

/// <summary>A chart, drawn inline.</summary>
public sealed record ChartBlock(ReportChart Chart) : ReportBlock;

/// <summary>A definition list of (term, value) pairs.</summary>
public sealed record FactsBlock(IReadOnlyList<KeyValuePair<string, string>> Facts) : ReportBlock;

/// <summary>A titled section; each section starts a new page when printed (except the first).</summary>
public sealed record ReportSection(string Title, IReadOnlyList<ReportBlock> Blocks);

/// <summary>
/// A self-contained HTML report: inline CSS and SVG only (no scripts, fonts, images or links to the network),
/// print-friendly (A4 and Letter), deterministic (same content, same bytes).
/// </summary>
/// <param name="Title">Page title and heading.</param>
/// <param name="Subtitle">Line under the heading (tool, inputs).</param>
/// <param name="Sections">The sections, in order.</param>
public sealed record ReportDocument(string Title, string Subtitle, IReadOnlyList<ReportSection> Sections)
{
    /// <summary>Every chart of the report, in page order.</summary>
    public IReadOnlyList<ReportChart> Charts =>
        Sections.SelectMany(s => s.Blocks).OfType<ChartBlock>().Select(b => b.Chart).ToArray();

    /// <summary>Renders the HTML page (UTF-8 text, LF line ends, well-formed XML syntax).</summary>
    public string ToHtml(IChartRenderer? renderer = null)
    {
        renderer ??= new ScottPlotChartRenderer();
        var sb = new StringBuilder(64 * 1024);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n");
        sb.Append("<title>").Append(E(Title)).Append("</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n<main>\n");
        sb.Append("<header>\n<h1>").Append(E(Title)).Append("</h1>\n<p class=\"subtitle\">").Append(E(Subtitle)).Append("</p>\n");
        if (Sections.Count > 1)
        {
            sb.Append("<nav><ol>");
            for (int i = 0; i < Sections.Count; i++)
            {
                sb.Append("<li><a href=\"#s").Append(i + 1).Append("\">").Append(E(Sections[i].Title)).Append("</a></li>");
            }

            sb.Append("</ol></nav>\n");
        }

        sb.Append("</header>\n");
        for (int i = 0; i < Sections.Count; i++)
        {
            var section = Sections[i];
            sb.Append("<section id=\"s").Append(i + 1).Append("\">\n<h2>").Append(E(section.Title)).Append("</h2>\n");
            foreach (var block in section.Blocks)
            {
                switch (block)
                {
                    case ParagraphBlock p:
                        sb.Append("<p>").Append(E(p.Text)).Append("</p>\n");
                        break;
                    case FactsBlock f:
                        sb.Append("<dl class=\"facts\">\n");
                        foreach (var kv in f.Facts)
                        {
                            sb.Append("<dt>").Append(E(kv.Key)).Append("</dt><dd>").Append(E(kv.Value)).Append("</dd>\n");
                        }

                        sb.Append("</dl>\n");
                        break;
                    case TableBlock t:
                        AppendTable(sb, t.Table);
                        break;
                    case ChartBlock c:
                        sb.Append("<figure class=\"chart\">\n").Append(InlineSvg(renderer.Render(c.Chart.Chart))).Append("\n</figure>\n");
                        break;
                    default:
                        throw new InvalidOperationException("Unknown block " + block.GetType().Name);
                }
            }

            sb.Append("</section>\n");
        }

        sb.Append("</main>\n</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>
    /// Makes a standalone SVG fit for inline HTML: drops the XML declaration and the xmlns attribute (implied in HTML),
    /// so the page holds no URL at all.
    /// </summary>
    public static string InlineSvg(string svg)
    {
        ArgumentNullException.ThrowIfNull(svg);
        string s = svg.Trim();
        if (s.StartsWith("<?xml", StringComparison.Ordinal))
        {
            s = s[(s.IndexOf("?>", StringComparison.Ordinal) + 2)..].TrimStart();
        }

        return s.Replace(" xmlns=\"" + ScottPlotChartRenderer.SvgNamespace + "\"", "", StringComparison.Ordinal);
    }

    private static void AppendTable(StringBuilder sb, ReportTable t)
    {
        sb.Append("<div class=\"table\"><table>\n");
        if (t.Caption is not null)
        {
            sb.Append("<caption>").Append(E(t.Caption)).Append("</caption>\n");
        }

        // Tables fit the page by wrapping: a dotted metric name in a header may break after a dot or before '@', and a
        // "mean [low, high]" cell before its interval, which itself stays on one line.
        sb.Append("<thead><tr>");
        for (int c = 0; c < t.Header.Count; c++)
        {
            sb.Append(t.NumericColumns.Contains(c) ? "<th class=\"n\">" : "<th>")
                .Append(E(t.Header[c]).Replace(".", ".<wbr />", StringComparison.Ordinal).Replace("@", "<wbr />@", StringComparison.Ordinal)).Append("</th>");
        }

        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in t.Rows)
        {
            sb.Append("<tr>");
            for (int c = 0; c < row.Count; c++)
            {
                int ci = t.NumericColumns.Contains(c) ? row[c].IndexOf(" [", StringComparison.Ordinal) : -1;
                sb.Append(t.NumericColumns.Contains(c) ? "<td class=\"n\">" : "<td>")
                    .Append(ci < 0 ? E(row[c]) : E(row[c][..ci]) + " <span class=\"ci\">" + E(row[c][(ci + 1)..]) + "</span>").Append("</td>");
            }

            sb.Append("</tr>\n");
        }

        sb.Append("</tbody></table></div>\n");
    }

    private static string E(string text) => ScottPlotChartRenderer.Escape(text);

    /// <summary>Formats a number for display with fixed decimals ("–" for NaN).</summary>
    internal static string F(double value, int decimals) =>
        double.IsNaN(value) || double.IsInfinity(value) ? "–" : value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private const string Css = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #F4F4F2; color: #1A1A1A; font: 15px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; }
main { max-width: 1040px; margin: 0 auto; padding: 24px 32px 48px; background: #FFFFFF; }
h1 { font-size: 26px; margin: 8px 0 4px; }
h2 { font-size: 20px; margin: 32px 0 12px; padding-top: 12px; border-top: 2px solid #1A1A1A; }
.subtitle { color: #4D4D4D; margin: 0 0 12px; }
nav ol { margin: 8px 0 0; padding-left: 20px; columns: 2; color: #4D4D4D; }
nav a { color: #0A5A8A; text-decoration: none; }
p { margin: 8px 0; max-width: 80ch; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 8px 0 16px; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
.table { overflow-x: auto; margin: 8px 0 20px; }
table { border-collapse: collapse; font-size: 13px; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { padding: 3px 6px; border-bottom: 1px solid #E3E3E3; text-align: left; vertical-align: top; }
td:first-child { white-space: nowrap; }
thead th { border-bottom: 2px solid #1A1A1A; }
th.n, td.n { text-align: right; }
td.n .ci { white-space: nowrap; }
tbody tr:nth-child(even) { background: #F7F7F7; }
figure.chart { margin: 12px 0 24px; }
figure.chart svg { display: block; width: 100%; height: auto; max-width: 960px; }
@page { size: auto; margin: 12mm; }
@media print {
  body { background: #FFFFFF; font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  nav { display: none; }
  section { break-before: page; page-break-before: always; }
  section:first-of-type { break-before: auto; page-break-before: auto; }
  h2 { break-after: avoid; page-break-after: avoid; }
  figure.chart, table, tr, dl.facts { break-inside: avoid; page-break-inside: avoid; }
  figure.chart svg { max-width: 100%; max-height: 120mm; }
  table { font-size: 8.5pt; }
  .table { overflow: visible; }
}

""";
}
