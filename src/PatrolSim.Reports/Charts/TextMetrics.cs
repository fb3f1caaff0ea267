namespace PatrolSim.Reports.Charts;

/// <summary>Approximate text widths for a sans-serif font (no font files are read; good enough for layout).</summary>
internal static class TextMetrics
{
    /// <summary>Estimated width in pixels of <paramref name="text"/> at <paramref name="fontSize"/>.</summary>
    public static double Width(string? text, double fontSize)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        double em = 0;
        foreach (char c in text)
        {
            em += c switch
            {
                'i' or 'j' or 'l' or '!' or '|' or '\'' or '.' or ',' or ':' or ';' => 0.28,
                'f' or 't' or 'r' or 'I' or ' ' or '(' or ')' or '[' or ']' or '-' or '/' => 0.36,
                'm' or 'w' or 'M' or 'W' or '%' or '@' => 0.86,
                >= 'A' and <= 'Z' => 0.68,
                >= '0' and <= '9' => 0.56,
                _ => 0.54,
            };
        }

        return em * fontSize;
    }

    /// <summary>Splits text into lines of at most <paramref name="maxWidth"/> pixels at spaces; null when a word does not fit or more than <paramref name="maxLines"/> lines are needed.</summary>
    public static IReadOnlyList<string>? Wrap(string text, double fontSize, double maxWidth, int maxLines)
    {
        var lines = new List<string>();
        string current = "";
        foreach (string word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (Width(word, fontSize) > maxWidth)
            {
                return null;
            }

            string candidate = current.Length == 0 ? word : current + " " + word;
            if (Width(candidate, fontSize) <= maxWidth)
            {
                current = candidate;
            }
            else
            {
                lines.Add(current);
                current = word;
            }
        }

        lines.Add(current);
        return lines.Count <= maxLines ? lines : null;
    }

    /// <summary>Cuts text to at most <paramref name="maxWidth"/> pixels, ending with an ellipsis when cut.</summary>
    public static string Truncate(string text, double fontSize, double maxWidth)
    {
        if (Width(text, fontSize) <= maxWidth)
        {
            return text;
        }

        int n = text.Length;
        while (n > 1 && Width(text[..n] + "…", fontSize) > maxWidth)
        {
            n--;
        }

        return text[..n].TrimEnd() + "…";
    }
}
