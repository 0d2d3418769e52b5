namespace AdVerify.Expressions;

/// <summary>
/// Hash-consing for expression nodes: structurally equal nodes are made the same object,
/// so equality is a reference comparison and shared subexpressions are stored once. Entries
/// are held weakly, so expressions nobody references any more are collected. The table is split
/// into independently locked stripes chosen by the node's hash, so threads building different
/// expressions (parallel verification) rarely wait for each other; each stripe sweeps its dead
/// entries whenever it has doubled since its last sweep.
/// </summary>
internal static class InternTable
{
    private const int StripeBits = 6;
    private static readonly Stripe[] Stripes = Enumerable.Range(0, 1 << StripeBits).Select(_ => new Stripe()).ToArray();

    public static T Intern<T>(T candidate)
        where T : Expr
    {
        var hash = candidate.GetHashCode();

        // Fibonacci hashing: the top bits of hash·φ spread even clustered hashes over the stripes.
        return Stripes[(int)(((uint)hash * 0x9E3779B9u) >> (32 - StripeBits))].Intern(hash, candidate);
    }

    /// <summary>The number of entries currently held (live or not yet swept).</summary>
    public static int Count
    {
        get
        {
            var total = 0;
            foreach (var stripe in Stripes)
            {
                total += stripe.Count;
            }

            return total;
        }
    }

    /// <summary>Sweeps every stripe now (diagnostics and tests; interning sweeps by itself as the table grows).</summary>
    /// <returns>The number of dead entries removed.</returns>
    public static int SweepAll()
    {
        var removed = 0;
        foreach (var stripe in Stripes)
        {
            removed += stripe.SweepNow();
        }

        return removed;
    }

    private sealed class Stripe
    {
        private const int MinimumSweep = 256;
        private readonly Dictionary<int, object> _buckets = new();
        private int _count;
        private int _sweepAt = MinimumSweep;

        public int Count
        {
            get
            {
                lock (_buckets)
                {
                    return _count;
                }
            }
        }

        public T Intern<T>(int hash, T candidate)
            where T : Expr
        {
            lock (_buckets)
            {
                if (_buckets.TryGetValue(hash, out var bucket))
                {
                    if (bucket is WeakReference<Expr> single)
                    {
                        if (single.TryGetTarget(out var existing) && existing.ShallowEquals(candidate))
                        {
                            return (T)existing;
                        }

                        _buckets[hash] = new List<WeakReference<Expr>> { single, new(candidate) };
                    }
                    else
                    {
                        var list = (List<WeakReference<Expr>>)bucket;
                        foreach (var weak in list)
                        {
                            if (weak.TryGetTarget(out var existing) && existing.ShallowEquals(candidate))
                            {
                                return (T)existing;
                            }
                        }

                        list.RemoveAll(w => !w.TryGetTarget(out _));
                        list.Add(new WeakReference<Expr>(candidate));
                    }
                }
                else
                {
                    _buckets[hash] = new WeakReference<Expr>(candidate);
                }

                if (++_count >= _sweepAt)
                {
                    Sweep();
                }

                return candidate;
            }
        }

        public int SweepNow()
        {
            lock (_buckets)
            {
                var before = _count;
                Sweep();
                return before - _count;
            }
        }

        private void Sweep()
        {
            var dead = new List<int>();
            var live = 0;
            foreach (var (hash, bucket) in _buckets)
            {
                if (bucket is WeakReference<Expr> single)
                {
                    if (single.TryGetTarget(out _))
                    {
                        live++;
                    }
                    else
                    {
                        dead.Add(hash);
                    }
                }
                else
                {
                    var list = (List<WeakReference<Expr>>)bucket;
                    list.RemoveAll(w => !w.TryGetTarget(out _));
                    if (list.Count == 0)
                    {
                        dead.Add(hash);
                    }

                    live += list.Count;
                }
            }

            foreach (var hash in dead)
            {
                _buckets.Remove(hash);
            }

            _count = live;
            _sweepAt = Math.Max(MinimumSweep, live * 2);
        }
    }
}
