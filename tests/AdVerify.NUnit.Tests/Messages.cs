using NUnit.Framework.Constraints;
using NUnit.Framework.Internal;

namespace AdVerify.NUnit.Tests;

/// <summary>The text NUnit would print for a constraint result, for tests that read failure messages.</summary>
internal static class Messages
{
    public static string Message(ConstraintResult result)
    {
        var writer = new TextMessageWriter();
        result.WriteMessageTo(writer);
        return writer.ToString();
    }
}
