using EngagementPortal.Core.Consultations;

namespace EngagementPortal.Core.Responses;

/// <summary>One question and what was answered, as plain text lines (the page and the email encode them).</summary>
public sealed record SummaryRow(Question Question, QuestionPage Page, IReadOnlyList<string> Lines);

/// <summary>Answers read back in the consultation's order: for check answers, the confirmation and the receipt.</summary>
public static class AnswerSummary
{
    public const string NotAnswered = "Not answered";

    public static IReadOnlyList<SummaryRow> Rows(JourneyCoordinator coordinator, IReadOnlyDictionary<string, AnswerState> answers)
    {
        var rows = new List<SummaryRow>();
        foreach (var page in coordinator.Pages)
        {
            foreach (var question in page.Questions)
            {
                var lines = new List<string>();
                if (answers.TryGetValue(question.AnswerKey, out var answer))
                {
                    if (answer.Choice is not null)
                    {
                        lines.Add(answer.Choice);
                    }

                    lines.AddRange(answer.Choices);
                    if (answer.Text is not null)
                    {
                        lines.Add(question.Type == QuestionType.FreeText ? answer.Text : "Other: " + answer.Text);
                    }
                }

                if (question.FollowUpLabel is not null && answers.TryGetValue(question.ExplanationAnswerKey, out var explanation) && explanation.Text is not null)
                {
                    lines.Add(explanation.Text);
                }

                rows.Add(new SummaryRow(question, page, lines.Count == 0 ? [NotAnswered] : lines));
            }
        }

        return rows;
    }

    public static string RespondentTypeText(RespondentType? type) => type switch
    {
        RespondentType.Individual => "As an individual",
        RespondentType.Organisation => "On behalf of an organisation",
        _ => NotAnswered,
    };

    public static string PublishingText(PublishingConsent? consent, string? name) => consent switch
    {
        PublishingConsent.PublishWithName => $"Publish my response with the name {name}",
        PublishingConsent.PublishAnonymously => "Publish my response anonymously",
        PublishingConsent.DoNotPublish => "Do not publish my response",
        _ => NotAnswered,
    };
}
