using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json.Nodes;

namespace My8x8.SalesBot.Bot.Tests.Teams;

/// <summary>The Teams app package in deployment/teams: a current manifest with the bot id left to fill in, and its icons.</summary>
public sealed class TeamsManifestTests
{
    private static readonly string Folder = Path.Combine(RepositoryRoot(), "deployment", "teams");

    private static JsonObject Manifest => JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "manifest.json")))!.AsObject();

    [Fact]
    public void The_manifest_uses_a_current_schema_and_names_the_bot_by_a_placeholder()
    {
        var manifest = Manifest;
        var version = Version.Parse((string)manifest["manifestVersion"]!);

        Assert.True(version >= new Version(1, 17), $"manifestVersion {version}");
        Assert.Contains($"/v{version}/MicrosoftTeams.schema.json", (string?)manifest["$schema"]);
        var bot = Assert.Single(manifest["bots"]!.AsArray())!;
        Assert.Equal("${{MICROSOFT_APP_ID}}", (string?)bot["botId"]);
        Assert.Equal(["personal", "team", "groupChat"], bot["scopes"]!.AsArray().Select(scope => (string)scope!));
        Assert.NotEmpty(manifest["validDomains"]!.AsArray());
        Assert.True(((string?)manifest["description"]?["short"])?.Length <= 80);
    }

    [Fact]
    public void The_manifest_lists_the_commands_in_every_scope()
    {
        var commandList = Assert.Single(Manifest["bots"]![0]!["commandLists"]!.AsArray())!;
        var titles = commandList["commands"]!.AsArray().Select(command => (string)command!["title"]!).ToList();

        Assert.Equal(["personal", "team", "groupChat"], commandList["scopes"]!.AsArray().Select(scope => (string)scope!));
        Assert.Subset(titles.ToHashSet(), new HashSet<string> { "order", "cart", "agent", "hours", "help" });
        Assert.InRange(titles.Count, 1, 10);
    }

    [Fact]
    public void The_icons_are_192_pixel_color_and_32_pixel_white_on_transparent_outline_pngs()
    {
        var color = ReadPng(Path.Combine(Folder, "color.png"));
        var outline = ReadPng(Path.Combine(Folder, "outline.png"));

        Assert.Equal((192, 192), (color.Width, color.Height));
        Assert.Equal((32, 32), (outline.Width, outline.Height));
        Assert.Equal(6, outline.ColorType); // RGBA
        Assert.All(outline.Pixels.Where(p => p.A != 0), p => Assert.Equal((255, 255, 255), (p.R, p.G, p.B)));
        Assert.Contains(outline.Pixels, p => p.A == 0);
        Assert.Contains(outline.Pixels, p => p.A == 255);
    }

    private sealed record Png(int Width, int Height, int ColorType, IReadOnlyList<(byte R, byte G, byte B, byte A)> Pixels);

    /// <summary>Reads an 8-bit RGBA PNG without filters other than None (what make-icons.py writes).</summary>
    private static Png ReadPng(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        int width = 0, height = 0, colorType = 0;
        using var idat = new MemoryStream();
        for (var offset = 8; offset < bytes.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(offset));
            var kind = System.Text.Encoding.ASCII.GetString(bytes, offset + 4, 4);
            var data = bytes.AsSpan(offset + 8, length);
            if (kind == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                colorType = data[9];
            }
            else if (kind == "IDAT")
            {
                idat.Write(data);
            }

            offset += 12 + length;
        }

        if (colorType != 6)
        {
            return new Png(width, height, colorType, []);
        }

        idat.Position = 0;
        using var inflate = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        inflate.CopyTo(raw);
        var rows = raw.ToArray();
        var pixels = new List<(byte, byte, byte, byte)>();
        for (var y = 0; y < height; y++)
        {
            var row = y * (1 + width * 4);
            Assert.Equal(0, rows[row]);
            for (var x = 0; x < width; x++)
            {
                var p = row + 1 + x * 4;
                pixels.Add((rows[p], rows[p + 1], rows[p + 2], rows[p + 3]));
            }
        }

        return new Png(width, height, colorType, pixels);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "My8x8.SalesBot.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with My8x8.SalesBot.sln) was not found above " + AppContext.BaseDirectory);
    }
}
