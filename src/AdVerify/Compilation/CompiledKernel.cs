using System.Runtime.InteropServices;

namespace AdVerify.Compilation;

/// <summary>
/// One emitted program ready to run: the kernel and the workspace it needs. The workspace is a
/// per-thread array reused between calls (a nested call on the same thread gets its own), so a
/// call allocates nothing once warm and concurrent calls never share memory.
/// </summary>
internal sealed class CompiledKernel
{
    [ThreadStatic]
    private static double[]? _spare;

    private readonly Kernel _kernel;

    public CompiledKernel(IrProgram program, string name)
    {
        var (kernel, length, methods) = Emitter.Emit(program, name);
        if (length > Array.MaxLength)
        {
            throw new NotSupportedException($"the compiled code needs a workspace of {length:N0} doubles, more than an array can hold");
        }

        _kernel = kernel;
        WorkspaceLength = (int)length;
        Instructions = program.InstructionCount;
        Blocks = program.Blocks.Count;
        Methods = methods;
    }

    public int Methods { get; }

    public int WorkspaceLength { get; }

    public int Instructions { get; }

    public int Blocks { get; }

    public double Run(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> g, Span<double> h, Span<double> o)
    {
        if (WorkspaceLength == 0)
        {
            double none = 0;
            return _kernel(ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(v), ref MemoryMarshal.GetReference(g),
                ref MemoryMarshal.GetReference(h), ref none, ref MemoryMarshal.GetReference(o));
        }

        var w = _spare;
        _spare = null;
        if (w is null || w.Length < WorkspaceLength)
        {
            w = new double[WorkspaceLength];
        }

        try
        {
            return _kernel(ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(v), ref MemoryMarshal.GetReference(g),
                ref MemoryMarshal.GetReference(h), ref MemoryMarshal.GetArrayDataReference(w), ref MemoryMarshal.GetReference(o));
        }
        finally
        {
            if (_spare is null || _spare.Length < w.Length)
            {
                _spare = w;
            }
        }
    }
}
