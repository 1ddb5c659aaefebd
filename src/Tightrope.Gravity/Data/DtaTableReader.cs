using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Tightrope.Data;

namespace Tightrope.Gravity.Data;

/// <summary>
/// Reads a Stata <c>.dta</c> file (any version ReadStat supports) into a <see cref="ColumnarTable"/> through the ReadStat C library
/// (Debian package libreadstat1). Numeric variables become numeric columns (Stata missing values, including extended ones, become NaN);
/// string variables become text columns.
/// </summary>
public static unsafe class DtaTableReader
{
    static DtaTableReader()
    {
        NativeLibrary.SetDllImportResolver(typeof(DtaTableReader).Assembly, Resolve);
    }

    /// <summary>Reads the file; a missing file, a file ReadStat cannot parse, or a variable of an unsupported type give errors naming the file.</summary>
    public static ColumnarTable Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: file not found.", path);
        }

        var state = new ParseState(path);
        var handle = GCHandle.Alloc(state);
        var parser = IntPtr.Zero;
        try
        {
            parser = Native.readstat_parser_init();
            Native.readstat_set_metadata_handler(parser, &OnMetadata);
            Native.readstat_set_variable_handler(parser, &OnVariable);
            Native.readstat_set_value_handler(parser, &OnValue);
            var error = Native.readstat_parse_dta(parser, path, GCHandle.ToIntPtr(handle));
            if (state.Failure is not null)
            {
                throw state.Failure;
            }

            if (error != 0)
            {
                var message = Marshal.PtrToStringUTF8(Native.readstat_error_message(error)) ?? $"error {error}";
                throw new DataFormatException(path, null, null, $"not a readable Stata .dta file ({message})");
            }
        }
        finally
        {
            if (parser != IntPtr.Zero)
            {
                Native.readstat_parser_free(parser);
            }

            handle.Free();
        }

        return state.Build();
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (name != Native.Library)
        {
            return IntPtr.Zero;
        }

        foreach (var candidate in new[] { "libreadstat.so.1", "libreadstat.so", "/usr/lib/x86_64-linux-gnu/libreadstat.so.1", "libreadstat.dylib", "readstat" })
        {
            if (NativeLibrary.TryLoad(candidate, assembly, path, out var h))
            {
                return h;
            }
        }

        throw new DllNotFoundException("The ReadStat library (libreadstat.so.1) is needed to read .dta files. On Debian: apt-get install libreadstat1 (scripts/install-deps.sh does this).");
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnMetadata(IntPtr metadata, IntPtr context)
    {
        var state = (ParseState)GCHandle.FromIntPtr(context).Target!;
        state.Rows = Native.readstat_get_row_count(metadata);
        return 0;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnVariable(int index, IntPtr variable, IntPtr valueLabels, IntPtr context)
    {
        var state = (ParseState)GCHandle.FromIntPtr(context).Target!;
        var name = Marshal.PtrToStringUTF8(Native.readstat_variable_get_name(variable)) ?? $"var{index}";
        var type = Native.readstat_variable_get_type(variable);
        if (type is < 0 or > 6)
        {
            state.Failure = new DataFormatException(state.Path, null, name, $"unsupported variable type code {type}");
            return 1;
        }

        state.AddVariable(name, type is 0 or 6);
        return 0;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnValue(int obs, IntPtr variable, ReadStatValue value, IntPtr context)
    {
        var state = (ParseState)GCHandle.FromIntPtr(context).Target!;
        var index = Native.readstat_variable_get_index(variable);
        try
        {
            state.Set(index, obs, value);
            return 0;
        }
        catch (DataFormatException e)
        {
            state.Failure = e;
            return 1;
        }
    }

    private sealed class ParseState(string path)
    {
        private readonly List<(string Name, bool Text)> _variables = [];
        private readonly List<double[]?> _numbers = [];
        private readonly List<string?[]?> _texts = [];

        public string Path { get; } = path;

        public int Rows { get; set; } = -1;

        public Exception? Failure { get; set; }

        public void AddVariable(string name, bool text)
        {
            if (Rows < 0)
            {
                throw new DataFormatException(Path, null, null, "the file reports no observation count");
            }

            _variables.Add((name, text));
            _numbers.Add(text ? null : new double[Rows]);
            _texts.Add(text ? new string?[Rows] : null);
        }

        public void Set(int index, int obs, ReadStatValue value)
        {
            if (index < 0 || index >= _variables.Count || obs < 0 || obs >= Rows)
            {
                throw new DataFormatException(Path, obs + 1, null, "value outside the declared variables or observations (malformed file)");
            }

            var missing = (value.Flags & 0x3) != 0;
            if (_texts[index] is { } t)
            {
                var s = missing ? null : Marshal.PtrToStringUTF8((IntPtr)value.Bits);
                t[obs] = string.IsNullOrEmpty(s) ? null : s;
                return;
            }

            _numbers[index]![obs] = missing ? double.NaN : value.Type switch
            {
                1 => (sbyte)(value.Bits & 0xFF),
                2 => (short)(value.Bits & 0xFFFF),
                3 => (int)(value.Bits & 0xFFFFFFFF),
                4 => BitConverter.Int32BitsToSingle((int)(value.Bits & 0xFFFFFFFF)),
                5 => BitConverter.Int64BitsToDouble(value.Bits),
                _ => throw new DataFormatException(Path, obs + 1, _variables[index].Name, $"a numeric variable holds a value of type code {value.Type}"),
            };
        }

        public ColumnarTable Build()
        {
            var columns = new List<TableColumn>();
            for (var j = 0; j < _variables.Count; j++)
            {
                columns.Add(_texts[j] is { } t
                    ? new TextColumn(_variables[j].Name, t, FirstNonNumeric(t))
                    : new NumericColumn(_variables[j].Name, _numbers[j]!));
            }

            return new ColumnarTable(Path, columns, RowNumbering.Observation);
        }

        private static int? FirstNonNumeric(string?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                if (values[i] is { } s && !double.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out _))
                {
                    return i;
                }
            }

            return null;
        }
    }

    // readstat_value_t: an 8-byte union, the type enum, a tag char and three one-bit flags (system, tagged, defined missing)
    // which the System V ABI packs into the byte after the tag: 16 bytes in all.
    [StructLayout(LayoutKind.Sequential, Size = 16)]
    private struct ReadStatValue
    {
        public long Bits;
        public int Type;
        public byte Tag;
        public byte Flags;
    }

    private static partial class Native
    {
        public const string Library = "readstat";

        [DllImport(Library)]
        public static extern IntPtr readstat_parser_init();

        [DllImport(Library)]
        public static extern void readstat_parser_free(IntPtr parser);

        [DllImport(Library)]
        public static extern int readstat_set_metadata_handler(IntPtr parser, delegate* unmanaged[Cdecl]<IntPtr, IntPtr, int> handler);

        [DllImport(Library)]
        public static extern int readstat_set_variable_handler(IntPtr parser, delegate* unmanaged[Cdecl]<int, IntPtr, IntPtr, IntPtr, int> handler);

        [DllImport(Library)]
        public static extern int readstat_set_value_handler(IntPtr parser, delegate* unmanaged[Cdecl]<int, IntPtr, ReadStatValue, IntPtr, int> handler);

        [DllImport(Library, CharSet = CharSet.Ansi, BestFitMapping = false)]
        public static extern int readstat_parse_dta(IntPtr parser, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr context);

        [DllImport(Library)]
        public static extern IntPtr readstat_error_message(int error);

        [DllImport(Library)]
        public static extern int readstat_get_row_count(IntPtr metadata);

        [DllImport(Library)]
        public static extern IntPtr readstat_variable_get_name(IntPtr variable);

        [DllImport(Library)]
        public static extern int readstat_variable_get_type(IntPtr variable);

        [DllImport(Library)]
        public static extern int readstat_variable_get_index(IntPtr variable);
    }
}
