using AdVerify.Expressions;

namespace AdVerify.Symbolic;

/// <summary>
/// One derivative computation (<see cref="Calculus.Differentiate"/>): a post-order walk over
/// the expression DAG with a memo from node to derivative, so every distinct node is
/// differentiated once. Two devices keep the result and the work linear in the input DAG,
/// although canonical products are flat:
/// <list type="bullet">
/// <item>Chains: f(u)′ = f′(u)·u′ is kept as an unbuilt list of factors (<see cref="Chain"/>)
/// until a sum, a second consumer or the caller needs the expression; so a chain of n calls
/// builds one product of n factors, not n products of 1 … n factors.</item>
/// <item>Products that contain another product: when a product P has every factor of a product
/// Q differentiated earlier (the iterated logistic map flattens xₖ₊₁ = r·xₖ·(1 − xₖ) into one
/// product that contains all of xₖ's factors), P = Q·R gives P′ = Q′·R + Q·R′: two terms
/// however many factors P has, instead of one term per factor.</item>
/// </list>
/// </summary>
internal sealed class Differentiation
{
    /// <summary>How many earlier products per factor base are tried as Q.</summary>
    private const int MaxCandidates = 4;

    private readonly string _variable;
    private readonly Dictionary<Expr, Derivative> _memo = new(ReferenceEqualityComparer.Instance);

    // Products differentiated so far, by the base of their last (canonically largest) factor that
    // depends on the variable: the candidates for Q when a larger product has a factor with that
    // base (by base, so that r^19 in x₂₀ finds x₁₉, whose factor is r^18).
    private readonly Dictionary<Expr, List<ProductExpr>> _productsByLastFactor = new(ReferenceEqualityComparer.Instance);

    // For a directional derivative: each variable's derivative is its component of the direction.
    private readonly IReadOnlyDictionary<string, Expr>? _direction;

    public Differentiation(string variable) => _variable = variable;

    /// <summary>A directional derivative Σ vᵢ·∂/∂xᵢ: the same rules (a derivation), seeded with the direction's components.</summary>
    public Differentiation(IReadOnlyDictionary<string, Expr> direction)
    {
        _variable = string.Empty;
        _direction = direction;
    }

    public Expr Run(Expr root)
    {
        foreach (var node in Traversal.PostOrder(root))
        {
            _memo[node] = Node(node);
        }

        return _memo[root].ToExpr();
    }

    /// <summary>The derivative of a node whose operands were differentiated already (or are atoms).</summary>
    private Derivative Node(Expr node)
    {
        switch (node)
        {
            case SymbolExpr s when _direction is not null:
                return _direction.TryGetValue(s.Name, out var v) && !ReferenceEquals(v, Expr.Zero) ? new(v) : Derivative.Zero;
            case SymbolExpr s:
                return s.Name == _variable ? new(Expr.One) : Derivative.Zero;
            case NumberExpr or ConstantExpr:
                return Derivative.Zero;
        }

        var any = false;
        foreach (var operand in node.Operands)
        {
            if (!D(operand).IsZero)
            {
                any = true;
                break;
            }
        }

        if (!any)
        {
            return Derivative.Zero;
        }

        return node switch
        {
            SumExpr => new(Expr.Add(node.Operands.Select(D).Where(d => !d.IsZero).Select(d => d.ToExpr()))),
            ProductExpr p => ProductDerivative(p),
            PowerExpr p => PowerRule(p),
            CallExpr c => ChainRule(c),
            _ => throw new InvalidOperationException($"Unknown expression kind {node.Kind}."),
        };
    }

    /// <summary>The derivative of an operand: memoized, or computed for an atom or a node built during this walk.</summary>
    private Derivative D(Expr e) =>
        _memo.TryGetValue(e, out var d) ? d
        : e is NumberExpr or ConstantExpr ? Derivative.Zero
        : _memo[e] = Node(e);

    // c·(f₁·…·fₙ)′ with the coefficient split off, so that the coefficient-free product can be
    // reused by larger products (−xₖ appears in 1 − xₖ; xₖ itself only as factors of xₖ₊₁).
    private Derivative ProductDerivative(ProductExpr p)
    {
        if (p.Span[0] is NumberExpr c)
        {
            var (_, rest) = Canonical.SplitCoefficient(p);
            var d = rest is ProductExpr q ? CoefficientFree(q) : D(rest);
            return d.IsZero ? Derivative.Zero : d.Times(c);
        }

        return CoefficientFree(p);
    }

    private Derivative CoefficientFree(ProductExpr p)
    {
        if (_memo.TryGetValue(p, out var known))
        {
            return known;
        }

        var factors = p.Span;
        var varying = new List<int>();
        for (var i = 0; i < factors.Length; i++)
        {
            if (!D(factors[i]).IsZero)
            {
                varying.Add(i);
            }
        }

        Derivative result;
        if (varying.Count == 0)
        {
            result = Derivative.Zero;
        }
        else if (varying.Count == 1)
        {
            // Only one factor varies: its derivative times the others, kept unbuilt.
            result = D(factors[varying[0]]);
            for (var j = 0; j < factors.Length; j++)
            {
                if (j != varying[0])
                {
                    result = result.Times(factors[j]);
                }
            }
        }
        else if (varying.Count > 2 && FindContained(p, varying) is { } q)
        {
            result = new(Reuse(p, q));
        }
        else
        {
            result = new(ProductRule(factors, varying));
        }

        _memo[p] = result;
        if (varying.Count > 0)
        {
            var last = Split(factors[varying[^1]]).Base;
            if (!_productsByLastFactor.TryGetValue(last, out var list))
            {
                _productsByLastFactor[last] = list = [];
            }

            list.Add(p);
        }

        return result;
    }

    // (f₁·f₂·…·fₙ)' = Σᵢ fᵢ' · Πⱼ≠ᵢ fⱼ over the factors that depend on the variable.
    private Expr ProductRule(ReadOnlySpan<Expr> factors, List<int> varying)
    {
        var terms = new Expr[varying.Count];
        var parts = new List<Expr>(factors.Length + 4);
        for (var t = 0; t < varying.Count; t++)
        {
            parts.Clear();
            for (var j = 0; j < factors.Length; j++)
            {
                if (j == varying[t])
                {
                    D(factors[j]).AddFactorsTo(parts);
                }
                else
                {
                    parts.Add(factors[j]);
                }
            }

            terms[t] = Expr.Multiply(parts);
        }

        return Expr.Add(terms);
    }

    /// <summary>The largest product differentiated before whose factors all divide p's (and leave a proper remainder), if any.</summary>
    private ProductExpr? FindContained(ProductExpr p, List<int> varying)
    {
        Dictionary<Expr, Expr>? exponents = null;
        ProductExpr? best = null;
        foreach (var i in varying)
        {
            if (!_productsByLastFactor.TryGetValue(Split(p.Span[i]).Base, out var candidates))
            {
                continue;
            }

            // The most recently differentiated candidates are the nearest ones; a few suffice and
            // keep the search linear.
            for (var k = candidates.Count - 1; k >= Math.Max(0, candidates.Count - MaxCandidates); k--)
            {
                var q = candidates[k];
                if (q.Span.Length >= p.Span.Length || (best is not null && q.Span.Length <= best.Span.Length))
                {
                    continue;
                }

                exponents ??= Exponents(p.Span);
                if (Divides(q.Span, exponents))
                {
                    best = q;
                }
            }
        }

        return best;
    }

    /// <summary>P′ = Q′·R + Q·R′ with R = P / Q (a few factors).</summary>
    private Expr Reuse(ProductExpr p, ProductExpr q)
    {
        var inQ = Exponents(q.Span);
        var remainder = new List<Expr>();
        foreach (var factor in p.Span)
        {
            var (b, e) = Split(factor);
            if (!inQ.TryGetValue(b, out var eq))
            {
                remainder.Add(factor);
            }
            else if (!ReferenceEquals(e, eq))
            {
                remainder.Add(Expr.Pow(b, e - eq));
            }
        }

        var r = Expr.Multiply(remainder);
        var dq = D(q);
        var dr = D(r);
        var terms = new List<Expr>(2);
        if (!dq.IsZero)
        {
            var parts = new List<Expr> { r };
            dq.AddFactorsTo(parts);
            terms.Add(Expr.Multiply(parts));
        }

        if (!dr.IsZero)
        {
            var parts = new List<Expr> { q };
            dr.AddFactorsTo(parts);
            terms.Add(Expr.Multiply(parts));
        }

        return Expr.Add(terms);
    }

    private static (Expr Base, Expr Exponent) Split(Expr factor) =>
        factor is PowerExpr pw ? (pw.Base, pw.Exponent) : (factor, Expr.One);

    private static Dictionary<Expr, Expr> Exponents(ReadOnlySpan<Expr> factors)
    {
        var exponents = new Dictionary<Expr, Expr>(factors.Length, ReferenceEqualityComparer.Instance);
        foreach (var f in factors)
        {
            var (b, e) = Split(f);
            exponents[b] = e;
        }

        return exponents;
    }

    // Every factor b^e of q appears in p as b^e, or as b^e′ with integers e′ and e of the same
    // sign and |e′| > |e| (so P / Q keeps only nonnegative powers of what P had).
    private static bool Divides(ReadOnlySpan<Expr> q, Dictionary<Expr, Expr> exponentsOfP)
    {
        foreach (var f in q)
        {
            var (b, e) = Split(f);
            if (!exponentsOfP.TryGetValue(b, out var ep))
            {
                return false;
            }

            if (ReferenceEquals(e, ep))
            {
                continue;
            }

            if (!e.TryGetNumber(out var en) || !ep.TryGetNumber(out var epn) || !en.IsInteger || !epn.IsInteger
                || en.Sign != epn.Sign || epn.CompareTo(en) * en.Sign <= 0)
            {
                return false;
            }
        }

        return true;
    }

    // (u^v)' = v·u^(v−1)·u' when v is free of the variable; u^v·log(u)·v' when u is;
    // otherwise u^v·(v'·log(u) + v·u'/u).
    private Derivative PowerRule(PowerExpr power)
    {
        var (u, v) = (power.Base, power.Exponent);
        var (du, dv) = (D(u), D(v));
        if (dv.IsZero)
        {
            return du.Times(Expr.Pow(u, v - 1)).Times(v);
        }

        if (ReferenceEquals(u, Expr.Zero))
        {
            // 0^v is 0 wherever it is defined (v > 0): its derivative is 0, not 0·log(0).
            return Derivative.Zero;
        }

        var log = Expr.Call(Functions.Log, u);
        if (du.IsZero)
        {
            return dv.Times(log).Times(power);
        }

        return new(Expr.Multiply(power, Expr.Multiply(dv.ToExpr(), log) + Expr.Multiply(v, du.ToExpr(), Expr.Pow(u, -1))));
    }

    // f(a₁, …, aₙ)' = Σᵢ ∂f/∂aᵢ · aᵢ'; with one varying argument the product stays unbuilt.
    // Only the arguments that vary get a partial (an integer order such as n in besselj(n, x) has none).
    private Derivative ChainRule(CallExpr call)
    {
        var nonzero = new List<(Expr Partial, Derivative D)>(call.Operands.Count);
        for (var i = 0; i < call.Operands.Count; i++)
        {
            var d = D(call.Operands[i]);
            if (d.IsZero)
            {
                continue;
            }

            var partial = DerivativeRules.Partial(call.Function, call.Operands, i);
            if (!ReferenceEquals(partial, Expr.Zero))
            {
                nonzero.Add((partial, d));
            }
        }

        return nonzero.Count switch
        {
            0 => Derivative.Zero,
            1 => nonzero[0].D.Times(nonzero[0].Partial),
            _ => new(Expr.Add(nonzero.Select(t => Expr.Multiply(t.Partial, t.D.ToExpr())))),
        };
    }

    /// <summary>A derivative: an expression, or a product not built yet (a factor times another derivative).</summary>
    private readonly struct Derivative
    {
        private readonly Expr? _expr;
        private readonly Chain? _chain;

        public Derivative(Expr expr) => _expr = expr;

        private Derivative(Chain chain) => _chain = chain;

        public static Derivative Zero { get; } = new(Expr.Zero);

        public bool IsZero => _chain is null && ReferenceEquals(_expr, Expr.Zero);

        public Chain? AsChain => _chain;

        public Expr? AsExpr => _expr;

        /// <summary>factor · this, unbuilt (zero stays zero).</summary>
        public Derivative Times(Expr factor) =>
            IsZero || ReferenceEquals(factor, Expr.Zero) ? Zero
            : ReferenceEquals(factor, Expr.One) ? this
            : new(new Chain(factor, this));

        public Expr ToExpr() => _chain?.Build() ?? _expr!;

        /// <summary>Appends the factors of this derivative (its own, or the built product) to a list.</summary>
        public void AddFactorsTo(List<Expr> factors)
        {
            if (_chain is { } chain)
            {
                chain.AddFactorsTo(factors);
            }
            else
            {
                factors.Add(_expr!);
            }
        }
    }

    /// <summary>factor · rest, built into one canonical product on first use (iteratively: chains can be thousands long).</summary>
    private sealed class Chain(Expr factor, Derivative rest)
    {
        private readonly Expr _factor = factor;
        private readonly Derivative _rest = rest;
        private Expr? _built;

        public Expr Build()
        {
            if (_built is null)
            {
                var factors = new List<Expr>();
                AddFactorsTo(factors);
                _built = Expr.Multiply(factors);
            }

            return _built;
        }

        public void AddFactorsTo(List<Expr> factors)
        {
            for (var link = this; ;)
            {
                if (link._built is not null)
                {
                    factors.Add(link._built);
                    return;
                }

                factors.Add(link._factor);
                if (link._rest.AsChain is not { } next)
                {
                    factors.Add(link._rest.AsExpr!);
                    return;
                }

                link = next;
            }
        }
    }
}
