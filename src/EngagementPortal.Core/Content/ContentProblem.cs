namespace EngagementPortal.Core.Content;

/// <summary>Content that cannot be read: says where and what, so an author can fix it.</summary>
public sealed class ContentProblemException(string where, string message)
    : Exception($"{where}: {message}")
{
    public string Where { get; } = where;
}
