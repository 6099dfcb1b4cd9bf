using System.Diagnostics;

namespace My8x8.SalesBot.Bot.Tests.Faults;

/// <summary>
/// Makes a file really read-only for this process, and writable again. As root, permission bits do not stop writes,
/// so there the file is made immutable (<c>chattr +i</c>, which the kernel enforces even for root and even on
/// descriptors already open); otherwise its write permission is removed. Either way the test then checks that the
/// file can no longer be opened for writing, and reports why it cannot run when neither works here.
/// </summary>
internal sealed class ReadOnlyFile : IDisposable
{
    private readonly string _path;
    private readonly bool _immutable;
    private readonly UnixFileMode _mode;
    private bool _readOnly;

    private ReadOnlyFile(string path, bool immutable, UnixFileMode mode)
    {
        _path = path;
        _immutable = immutable;
        _mode = mode;
    }

    /// <summary>Why read-only files cannot be made here, or null when they can.</summary>
    public string? SkipReason { get; private set; }

    public static ReadOnlyFile Make(string path)
    {
        var file = new ReadOnlyFile(path, Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root", OperatingSystem.IsWindows() ? default : File.GetUnixFileMode(path));
        file.SkipReason = file.Apply(readOnly: true);
        return file;
    }

    public void Restore()
    {
        if (_readOnly)
        {
            Apply(readOnly: false);
        }
    }

    public void Dispose() => Restore();

    private string? Apply(bool readOnly)
    {
        if (_immutable)
        {
            var (exit, error) = Run("chattr", readOnly ? "+i" : "-i", _path);
            if (exit != 0)
            {
                return $"Running as root, a read-only file needs chattr (e2fsprogs) on a file system with the immutable attribute: {error}";
            }
        }
        else if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_path, readOnly ? _mode & ~(UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite) : _mode);
        }
        else
        {
            return "Read-only database files are simulated on Linux and macOS only.";
        }

        _readOnly = readOnly;
        if (readOnly && CanOpenForWriting())
        {
            Restore();
            return "This machine lets the test process write to a file it made read-only, so a read-only database cannot be simulated here.";
        }

        return null;
    }

    private bool CanOpenForWriting()
    {
        try
        {
            using var stream = File.Open(_path, FileMode.Open, FileAccess.ReadWrite);
            return true;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }

    private static (int Exit, string Error) Run(string program, params string[] arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, error.Trim());
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }
    }
}
