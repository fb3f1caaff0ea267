using System.Buffers.Binary;
using System.IO.Compression;

namespace PatrolSim.Reports.Tests.Browser;

/// <summary>A decoded 8-bit RGB/RGBA PNG (non-interlaced), enough to check screenshots.</summary>
internal sealed record Png(int Width, int Height, byte[] Rgba)
{
    /// <summary>Decodes a PNG file: IHDR, IDAT (zlib, via ZLibStream) and the five scanline filters.</summary>
    public static Png Decode(byte[] file)
    {
        ReadOnlySpan<byte> signature = [137, 80, 78, 71, 13, 10, 26, 10];
        if (file.Length < 8 || !file.AsSpan(0, 8).SequenceEqual(signature))
        {
            throw new InvalidDataException("not a PNG");
        }

        int width = 0, height = 0, colorType = 0;
        using var idat = new MemoryStream();
        int pos = 8;
        while (pos + 8 <= file.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(pos));
            string type = System.Text.Encoding.ASCII.GetString(file, pos + 4, 4);
            var data = file.AsSpan(pos + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                int bitDepth = data[8];
                colorType = data[9];
                if (bitDepth != 8 || (colorType != 2 && colorType != 6) || data[12] != 0)
                {
                    throw new InvalidDataException($"unsupported PNG: bit depth {bitDepth}, colour type {colorType}, interlace {data[12]}");
                }
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }
            else if (type == "IEND")
            {
                break;
            }

            pos += 12 + length;
        }

        int bpp = colorType == 6 ? 4 : 3;
        int stride = width * bpp;
        var raw = new byte[(long)height * (stride + 1)];
        idat.Position = 0;
        using (var z = new ZLibStream(idat, CompressionMode.Decompress))
        {
            z.ReadExactly(raw);
        }

        var pixels = new byte[(long)height * stride];
        for (int y = 0; y < height; y++)
        {
            byte filter = raw[y * (stride + 1)];
            var src = raw.AsSpan((y * (stride + 1)) + 1, stride);
            var dst = pixels.AsSpan(y * stride, stride);
            var prev = y == 0 ? new byte[stride] : pixels.AsSpan((y - 1) * stride, stride);
            for (int i = 0; i < stride; i++)
            {
                int a = i >= bpp ? dst[i - bpp] : 0;
                int b = prev[i];
                int c = i >= bpp ? prev[i - bpp] : 0;
                dst[i] = (byte)(src[i] + filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"bad PNG filter {filter}"),
                });
            }
        }

        var rgba = new byte[(long)width * height * 4];
        for (long p = 0; p < (long)width * height; p++)
        {
            rgba[p * 4] = pixels[p * bpp];
            rgba[(p * 4) + 1] = pixels[(p * bpp) + 1];
            rgba[(p * 4) + 2] = pixels[(p * bpp) + 2];
            rgba[(p * 4) + 3] = bpp == 4 ? pixels[(p * bpp) + 3] : (byte)255;
        }

        return new Png(width, height, rgba);
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    /// <summary>The colour at (x, y) as 0xRRGGBB.</summary>
    public int Rgb(int x, int y)
    {
        long i = (((long)y * Width) + x) * 4;
        return (Rgba[i] << 16) | (Rgba[i + 1] << 8) | Rgba[i + 2];
    }

    /// <summary>Share of pixels that are not (near) white.</summary>
    public double InkShare()
    {
        long ink = 0;
        for (int y = 0; y < Height; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                int c = Rgb(x, y);
                if (((c >> 16) & 255) < 235 || ((c >> 8) & 255) < 235 || (c & 255) < 235)
                {
                    ink++;
                }
            }
        }

        return (double)ink / ((long)Width * Height);
    }

    /// <summary>Whether some pixel is within <paramref name="tolerance"/> of colour 0xRRGGBB on every channel.</summary>
    public bool HasColor(int rgb, int tolerance = 6)
    {
        for (int y = 0; y < Height; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                int c = Rgb(x, y);
                if (Math.Abs(((c >> 16) & 255) - ((rgb >> 16) & 255)) <= tolerance
                    && Math.Abs(((c >> 8) & 255) - ((rgb >> 8) & 255)) <= tolerance
                    && Math.Abs((c & 255) - (rgb & 255)) <= tolerance)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
