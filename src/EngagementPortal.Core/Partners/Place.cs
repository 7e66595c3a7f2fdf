namespace EngagementPortal.Core.Partners;

/// <summary>
/// A place of the partnership ("North Yorkshire", "Plymouth"), defined by officers as a list of postcode districts.
/// Partner organisations say which places they cover; collation breaks public responses down by place through
/// the postcode district a respondent gave.
/// </summary>
public sealed class Place
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    /// <summary>Outward codes only ("YO1", "HU17"), upper case.</summary>
    public List<string> PostcodeDistricts { get; set; } = [];

    /// <summary>Sample data from the seed papers, removable in one action.</summary>
    public bool IsSample { get; set; }
}
