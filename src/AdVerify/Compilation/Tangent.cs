namespace AdVerify.Compilation;

/// <summary>
/// Forward mode by source transformation over a whole program: after every instruction comes
/// its directional derivative along the direction array <see cref="Arr.V"/> (reads of the point
/// X have tangents read from V), from the same local partials (<see cref="LocalPartials"/>). Applied
/// to the gradient program this is forward over reverse: the gradient's tangent, added into
/// <see cref="Arr.H"/> in place of the gradient, is the Hessian-vector product. Workspace values
/// get their tangents in a second copy of the workspace; tangents known to be zero (constants,
/// values that never depend on the point) generate no code.
/// </summary>
internal static class Tangent
{
    public static IrProgram Transform(IrProgram source)
    {
        var target = new IrProgram { Globals = source.Globals, Result = source.Result };
        var shift = source.Workspace;
        target.Allocate(source.Workspace);
        target.Allocate(source.Workspace);
        var tangentOf = new int[source.Globals];
        Array.Fill(tangentOf, -1);
        foreach (var block in source.Blocks)
        {
            target.Blocks.Add(new BlockTangent(block, target, tangentOf, shift).Build());
        }

        return target;
    }

    private sealed class BlockTangent(Block source, IrProgram target, int[] tangentOf, long shift)
    {
        private readonly Block _block = new(source.IsLoop, source.Count);
        private readonly Ref[] _value = new Ref[source.Code.Count];
        private readonly Ref[] _tangent = new Ref[source.Code.Count];
        private Ref[] _phiTangent = [];
        private BlockBuilder _bb = null!;

        public Block Build()
        {
            _bb = new BlockBuilder(_block, exact: true);
            foreach (var phi in source.Phis)
            {
                _bb.NewPhi(phi.Init);
            }

            _phiTangent = new Ref[source.Phis.Count];
            var carries = NonzeroPhis();
            for (var p = 0; p < source.Phis.Count; p++)
            {
                if (carries[p])
                {
                    var init = TangentOf(source.Phis[p].Init);
                    _phiTangent[p] = _bb.NewPhi(init.IsNone ? Ref.Const(0) : init);
                }
            }

            for (var i = 0; i < source.Code.Count; i++)
            {
                Instruction(i, source.Code[i]);
            }

            for (var p = 0; p < source.Phis.Count; p++)
            {
                _bb.SetNext(Ref.Phi(p), Map(source.Phis[p].Next));
                if (!_phiTangent[p].IsNone)
                {
                    var next = TangentOf(source.Phis[p].Next);
                    _bb.SetNext(_phiTangent[p], next.IsNone ? Ref.Const(0) : next);
                }
            }

            foreach (var (g, value, final) in source.Exports)
            {
                _bb.Export(g, Map(value), final);
                var tangent = TangentOf(value);
                if (!tangent.IsNone)
                {
                    tangentOf[g] = target.NewGlobal();
                    _bb.Export(tangentOf[g], tangent, final);
                }
            }

            return _block;
        }

        /// <summary>Which loop variables have a tangent: those starting with one or fed one (a fixed point over the body).</summary>
        private bool[] NonzeroPhis()
        {
            var phis = source.Phis;
            var carries = new bool[phis.Count];
            var instr = new bool[source.Code.Count];
            bool Nonzero(Ref r) => r.Kind switch
            {
                RefKind.Local => instr[r.Id],
                RefKind.Phi => carries[r.Id],
                RefKind.Global => tangentOf[r.Id] >= 0,
                _ => false,
            };

            for (var p = 0; p < phis.Count; p++)
            {
                carries[p] = Nonzero(phis[p].Init);
            }

            for (var changed = true; changed;)
            {
                for (var i = 0; i < source.Code.Count; i++)
                {
                    var c = source.Code[i];
                    instr[i] = c.Op == Op.Read ? c.Array is Arr.X or Arr.W : Nonzero(c.A) || Nonzero(c.B);
                }

                changed = false;
                for (var p = 0; p < phis.Count; p++)
                {
                    if (!carries[p] && Nonzero(phis[p].Next))
                    {
                        carries[p] = changed = true;
                    }
                }
            }

            return carries;
        }

        private Ref Map(Ref r) => r.Kind == RefKind.Local ? _value[r.Id] : r;

        private Ref TangentOf(Ref r) => r.Kind switch
        {
            RefKind.Local => _tangent[r.Id],
            RefKind.Phi => _phiTangent[r.Id],
            RefKind.Global when tangentOf[r.Id] >= 0 => Ref.Global(tangentOf[r.Id]),
            _ => Ref.None,
        };

        private void Instruction(int i, Instr c)
        {
            var a = Map(c.A);
            var b = Map(c.B);
            _bb.Exact = true;
            switch (c.Op)
            {
                case Op.Read:
                    _value[i] = _bb.Read(c.Array, c.Index);
                    _bb.Exact = false;
                    _tangent[i] = c.Array switch
                    {
                        Arr.X => _bb.Read(Arr.V, c.Index),
                        Arr.W => _bb.Read(Arr.W, c.Index.Shifted(shift)),
                        _ => Ref.None,
                    };
                    return;
                case Op.Write:
                    _bb.Write(c.Array, c.Index, a);
                    if (c.Array == Arr.W)
                    {
                        var t = TangentOf(c.A);
                        _bb.Write(Arr.W, c.Index.Shifted(shift), t.IsNone ? Ref.Const(0) : t);
                    }

                    return;
                case Op.Accumulate:
                    _bb.Exact = false;
                    if (c.Array == Arr.W)
                    {
                        _bb.Accumulate(Arr.W, c.Index, a);
                        _bb.Accumulate(Arr.W, c.Index.Shifted(shift), TangentOf(c.A));
                    }
                    else if (c.Array == Arr.G)
                    {
                        _bb.Accumulate(Arr.H, c.Index, TangentOf(c.A));
                    }

                    return;
            }

            var value = _bb.Apply(c.Op, a, b, c.Function);
            _value[i] = value;
            _bb.Exact = false;
            var ta = TangentOf(c.A);
            var tb = TangentOf(c.B);
            if (ta.IsNone && tb.IsNone)
            {
                return;
            }

            var partials = LocalPartials.For(c.Op, c.Function, c.Op == Op.Pow && c.B.IsConst && double.IsFinite(c.B.Value) ? c.B.Value : null, c.B.IsNone ? 1 : 2);
            Span<bool> wanted = [!ta.IsNone, partials.Count > 1 && !tb.IsNone];
            Span<Ref> d = stackalloc Ref[2];
            partials.Instantiate(_bb, a, b, value, wanted[..partials.Count], d);
            var tangent = wanted[0] ? _bb.Mul(d[0], ta) : Ref.None;
            if (wanted[1])
            {
                tangent = _bb.Sum(tangent, _bb.Mul(d[1], tb));
            }

            _tangent[i] = tangent.IsNone ? Ref.None : tangent;
        }
    }
}
