module AdVerify.FSharp.Tests.Support

open NUnit.Framework

/// Asserts two floats agree to a relative tolerance.
let close (expected: float) (actual: float) =
    Assert.That(actual, Is.EqualTo(expected).Within(1e-12 * (1.0 + abs expected)))

/// Asserts two float arrays agree entry by entry.
let closeAll (expected: float[]) (actual: float[]) =
    Assert.That(actual.Length, Is.EqualTo expected.Length)
    Array.iter2 close expected actual

/// Asserts an action throws an exception of type 'E and returns it.
let throws<'E when 'E :> exn> (action: unit -> unit) : 'E =
    match Assert.Throws<'E>(System.Action(action)) with
    | null -> failwith "Assert.Throws returned null"
    | e -> e

/// Asserts structural F# equality, printing both values on failure.
let same (expected: 'a) (actual: 'a) =
    Assert.That((actual = expected), Is.True, sprintf "expected %A but got %A" expected actual)
