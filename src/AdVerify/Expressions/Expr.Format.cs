namespace AdVerify.Expressions;

// Text form of expressions: ToString prints infix text (see Infix.Format).
public abstract partial class Expr
{
    /// <summary>The expression as infix text that <see cref="Infix.Parse"/> reads back to this expression.</summary>
    /// <returns>The text, as produced by <see cref="Infix.Format"/>.</returns>
    public override string ToString() => Infix.Format(this);
}
