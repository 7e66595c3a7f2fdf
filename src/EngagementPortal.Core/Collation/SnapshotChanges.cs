namespace EngagementPortal.Core.Collation;

/// <summary>A shift in one tally cell (overall column) between two snapshots, in responses and percentage points.</summary>
public sealed record TallyShift(string QuestionKey, string Option, int CountBefore, int CountAfter, double PercentBefore, double PercentAfter)
{
    public double PointsChange => Math.Round(PercentAfter - PercentBefore, 1);
}

/// <summary>What changed since the previous snapshot: new responses, shifts in tallies, new themes and new partner submissions.</summary>
public sealed record SnapshotChanges(
    int NewResponses,
    int NewCampaignResponses,
    int NewlyExcluded,
    IReadOnlyList<TallyShift> TallyShifts,
    IReadOnlyList<(string QuestionKey, string Theme)> NewCodedThemes,
    IReadOnlyList<(string QuestionKey, string Theme)> NewSuggestedThemes,
    IReadOnlyList<string> NewPartnerSubmissions)
{
    public bool Unchanged => NewResponses == 0 && NewCampaignResponses == 0 && NewlyExcluded == 0 && TallyShifts.Count == 0
        && NewCodedThemes.Count == 0 && NewSuggestedThemes.Count == 0 && NewPartnerSubmissions.Count == 0;

    /// <summary>Compares two snapshots; tally cells that moved by less than <paramref name="minimumPoints"/> percentage points are left out.</summary>
    public static SnapshotChanges Between(CollationSnapshot previous, CollationSnapshot current, double minimumPoints = 0.0)
    {
        var before = previous.Content;
        var after = current.Content;
        var shifts = new List<TallyShift>();
        var newCoded = new List<(string, string)>();
        var newSuggested = new List<(string, string)>();
        foreach (var question in after.Questions)
        {
            var old = before.Questions.FirstOrDefault(q => q.Key == question.Key);
            foreach (var row in question.Tally)
            {
                var oldRow = old?.Tally.FirstOrDefault(r => r.Option == row.Option);
                var oldCell = oldRow?.Overall ?? new TallyCell(0, 0);
                var points = Math.Abs(row.Overall.Percent - oldCell.Percent);
                if ((row.Overall.Count != oldCell.Count || points > 0) && points >= minimumPoints)
                {
                    shifts.Add(new TallyShift(question.Key, row.Option, oldCell.Count, row.Overall.Count, oldCell.Percent, row.Overall.Percent));
                }
            }

            var oldCoded = old?.CodedThemes.Select(t => t.Name).ToHashSet(StringComparer.Ordinal) ?? [];
            newCoded.AddRange(question.CodedThemes.Where(t => !oldCoded.Contains(t.Name)).Select(t => (question.Key, t.Name)));
            var oldSuggested = old?.SuggestedThemes.Select(t => t.Label).ToHashSet(StringComparer.Ordinal) ?? [];
            newSuggested.AddRange(question.SuggestedThemes.Where(t => !oldSuggested.Contains(t.Label)).Select(t => (question.Key, t.Label)));
        }

        var oldPartners = before.Partners.Organisations.Select(o => o.Organisation).ToHashSet(StringComparer.OrdinalIgnoreCase);
        static int Excluded(ResponseCounts c) => c.Duplicate + c.Spam + c.Withdrawn;
        return new SnapshotChanges(
            after.Responses.Overall - before.Responses.Overall,
            after.Responses.Campaign - before.Responses.Campaign,
            Excluded(after.Responses) - Excluded(before.Responses),
            shifts,
            newCoded,
            newSuggested,
            after.Partners.Organisations.Select(o => o.Organisation).Where(o => !oldPartners.Contains(o)).ToList());
    }
}
