namespace EngagementPortal.Core.Collation;

public enum PlanStepState
{
    Done,
    Now,
    Upcoming,
}

/// <summary>One step of the plan: from when (and until when, for a window), and whether it has passed.</summary>
public sealed record PlanStep(string Name, string Description, DateTime StartsUtc, DateTime? EndsUtc, PlanStepState State);

/// <summary>
/// The partnership response's plan worked back from the consultation's close (when the response must be submitted):
/// the analysis freeze (the partnership deadline, when partners' views are in, or the final collation when there is
/// none), a drafting window, sign-off <see cref="SignOffLeadHours"/> before submission, and submission at the close.
/// </summary>
public static class CollationPlan
{
    public const int SignOffLeadHours = 24;

    public static IReadOnlyList<PlanStep> For(DateTime closesUtc, DateTime? partnershipDeadlineUtc, CollationOptions options, DateTime nowUtc)
    {
        var submission = closesUtc;
        var freeze = partnershipDeadlineUtc is { } deadline && deadline < closesUtc ? deadline : closesUtc.AddHours(-options.FinalLeadHours);
        var signOff = submission.AddHours(-SignOffLeadHours);
        if (signOff <= freeze)
        {
            // Too little time between the freeze and the close for a day's sign-off: split what there is.
            signOff = freeze + (submission - freeze) / 2;
        }

        var finalCollation = (partnershipDeadlineUtc ?? closesUtc).AddHours(-options.FinalLeadHours);
        PlanStepState State(DateTime starts, DateTime? ends) =>
            (ends ?? starts) <= nowUtc ? PlanStepState.Done : starts <= nowUtc ? PlanStepState.Now : PlanStepState.Upcoming;
        return
        [
            new("Final collation", $"The scheduled final collation, {options.FinalLeadHours} hours before the {(partnershipDeadlineUtc is null ? "close" : "partnership deadline")}, so officers see the evidence while there is time to chase missing views.", finalCollation, null, State(finalCollation, null)),
            new("Analysis freeze", partnershipDeadlineUtc is null ? "Evidence is frozen: the snapshot the narrative cites." : "Partner organisations' views are in; the snapshot taken now is the evidence the narrative cites.", freeze, null, State(freeze, null)),
            new("Drafting window", "Officers write each question's narrative over the frozen evidence.", freeze, signOff, State(freeze, signOff)),
            new("Sign-off", $"A named officer signs off the partnership response ({SignOffLeadHours} hours before submission).", signOff, null, State(signOff, null)),
            new("Submission", "The partnership response is submitted by the consultation's close.", submission, null, State(submission, null)),
        ];
    }
}
