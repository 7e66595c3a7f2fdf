namespace EngagementPortal.Core.Responses;

/// <summary>A form field's problem, named by the field's id so an error summary can link to it.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>The outcome of validating a form: the cleaned values, or what is wrong with which field.</summary>
public sealed class Validated<T>(T value, IReadOnlyList<FieldError> errors)
{
    public T Value { get; } = value;

    public IReadOnlyList<FieldError> Errors { get; } = errors;

    public bool IsValid => Errors.Count == 0;
}
