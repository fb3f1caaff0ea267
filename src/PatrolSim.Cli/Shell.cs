namespace PatrolSim.Cli;

/// <summary>Words of a command the CLI prints for the user to run next.</summary>
internal static class Shell
{
    /// <summary>The word as a POSIX shell reads it back: as it is when it holds only safe characters, else in single quotes.</summary>
    public static string Quote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "_-./=,:+@%".Contains(c, StringComparison.Ordinal))
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }
}
