namespace KafkaAgent.Tests.Support;

/// <summary>What of a child process's log file a failing test shows: its head and its tail, with a marker between.</summary>
internal static class LogExcerpt
{
    /// <summary>
    /// The first <paramref name="head"/> and the last <paramref name="tail"/> characters of the file (all of it when
    /// it is no longer than both): a crash at start (an exception while the host is built) is in the head, the
    /// failure the test waited for in the tail. The file is read while its writer may still hold it open.
    /// </summary>
    public static string Read(string path, int head, int tail)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return Cut(reader.ReadToEnd(), head, tail);
        }
        catch (IOException ex)
        {
            return ex.Message;
        }
    }

    public static string Cut(string text, int head, int tail) =>
        text.Length <= head + tail
            ? text
            : $"{text[..head]}\n[... {text.Length - head - tail} characters left out ...]\n{text[^tail..]}";
}
