using System.Globalization;

namespace KafkaAgent.Cli;

/// <summary>Durations as operators type them: 90s, 30m, 2h, 1d, or combined as 1h30m.</summary>
internal static class DurationText
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var number = 0L;
        var digits = 0;
        foreach (var c in text.Trim())
        {
            if (char.IsAsciiDigit(c))
            {
                number = checked((number * 10) + (c - '0'));
                digits++;
                if (digits > 9)
                {
                    return false;
                }

                continue;
            }

            var unit = c switch
            {
                's' => TimeSpan.FromSeconds(1),
                'm' => TimeSpan.FromMinutes(1),
                'h' => TimeSpan.FromHours(1),
                'd' => TimeSpan.FromDays(1),
                _ => TimeSpan.Zero,
            };
            if (unit == TimeSpan.Zero || digits == 0)
            {
                return false;
            }

            duration += unit * number;
            number = 0;
            digits = 0;
        }

        return digits == 0 && duration > TimeSpan.Zero;
    }

    public static string Format(TimeSpan d) =>
        d.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalHours}h{d.Minutes:00}m")
        : string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalMinutes}m{d.Seconds:00}s");
}
