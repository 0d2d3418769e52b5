using AdVerify.Verification;
using NUnit.Framework;

namespace AdVerify.Tests.Verification;

public class PointSyntaxTests
{
    [Test]
    public void ReadsPairsInTheGivenOrder()
    {
        var p = PointSyntax.ParsePoint(" y = -3.5, x=2 ,z=1e-3");
        Assert.That(p.Keys, Is.EqualTo(new[] { "y", "x", "z" }));
        Assert.That(p.Values, Is.EqualTo(new[] { -3.5, 2, 1e-3 }));
    }

    [Test]
    public void ReadsPointsSeparatedBySemicolons()
    {
        var points = PointSyntax.ParsePoints("x=1,y=2; x=3,y=4;");
        Assert.That(points.Select(p => p["y"]), Is.EqualTo(new[] { 2.0, 4.0 }));
    }

    [TestCase("x", "'x' is not a name=number pair (example: x=2,y=3)")]
    [TestCase("pi=1", "'pi' is not a variable name")]
    [TestCase("x=abc", "the value of x, 'abc', is not a number")]
    [TestCase("x=1e400", "the value of x, '1e400', is not a finite number")]
    [TestCase("x=1,x=2", "x is given twice")]
    [TestCase(" ", "no point is given")]
    public void APointThatDoesNotParseSaysWhy(string text, string message) =>
        Assert.That(() => PointSyntax.ParsePoint(text), Throws.TypeOf<FormatException>().With.Message.StartsWith(message));

    [TestCase("x=1; x=oops", "point 2 ('x=oops'): the value of x, 'oops', is not a number")]
    [TestCase(" ; ", "no point is given: write name=number pairs, points separated by semicolons")]
    [TestCase("x=oops", "the value of x, 'oops', is not a number")]
    public void AListThatDoesNotParseNamesThePoint(string text, string message) =>
        Assert.That(() => PointSyntax.ParsePoints(text), Throws.TypeOf<FormatException>().With.Message.StartsWith(message));
}
