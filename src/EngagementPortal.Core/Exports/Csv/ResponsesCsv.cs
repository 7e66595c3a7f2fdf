using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using CsvHelper;
using EngagementPortal.Core.Audit;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Responses;
using EngagementPortal.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace EngagementPortal.Core.Exports.Csv;

/// <summary>
/// A consultation's responses as one CSV, one row a response: reference, when received, channel, respondent type,
/// organisation, moderation state and reason, then one column per answer (a multiple-choice question one column per
/// option, "Other" text in a column of its own; answers to earlier revisions of a question in columns of their own), and
/// the themes each written answer is tagged with. Streamed: one
/// forward-only reader over responses joined to their answers in order, each row written as soon as its response
/// ends, so memory does not grow with the consultation (bench/responses). Text is the published text (with officers'
/// redactions, docs/adr/0101), and formula injection is neutralised by <see cref="SnapshotCsv.Options"/>.
/// </summary>
public sealed class ResponsesCsv(PortalDbContext db, AuditLog audit)
{
    private sealed record Column(string Header, Func<IReadOnlyDictionary<string, Answer>, string> Value);

    private sealed record Answer(string? Choice, IReadOnlyList<string> Choices, string? Text, string? Themes);

    /// <summary>Audits the export of <paramref name="version"/>'s consultation (its questions name the columns), then
    /// streams it; <see cref="ResponseList.VersionAsync"/> finds the version.</summary>
    public async Task ExportAsync(ConsultationVersion version, TextWriter writer, Actor actor, CancellationToken cancellationToken = default)
    {
        audit.Record(AuditActions.ResponsesExported, actor.Id, actor.Email, "consultation " + version.Consultation.Slug, "CSV of every response");
        await db.SaveChangesAsync(cancellationToken);
        await WriteAsync(version, writer, cancellationToken);
    }

    public async Task WriteAsync(ConsultationVersion version, TextWriter writer, CancellationToken cancellationToken = default)
    {
        var columns = await ColumnsAsync(version, cancellationToken);
        await using var csv = CsvWriter.Create(writer, SnapshotCsv.Options, true);
        foreach (var header in new[] { "Reference", "Received (UK time)", "Channel", "Respondent type", "Organisation", "Moderation", "Moderation reason" }.Concat(columns.Select(c => c.Header)))
        {
            csv.WriteField(header);
        }

        await csv.EndRecordAsync(cancellationToken);

        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }

        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT r."Id", r."Reference", r."SubmittedUtc", r."Channel", r."RespondentType", r."OrganisationName", r."ModerationState", r."ModerationReason",
                       a."QuestionKey", a."Choice", a."Choices", COALESCE(a."RedactedText", a."Text"),
                       (SELECT group_concat(t."Name", '; ') FROM "answer_themes" at JOIN "coding_themes" t ON t."Id" = at."ThemeId" WHERE at."ResponseAnswerId" = a."Id")
                FROM "responses" r
                LEFT JOIN "response_answers" a ON a."ResponseId" = r."Id"
                WHERE r."ConsultationId" = @consultation
                ORDER BY r."SubmittedUtc", r."Id"
                """;
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@consultation";
            parameter.Value = version.ConsultationId.ToString().ToUpperInvariant();
            command.Parameters.Add(parameter);
            await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);

            string? current = null;
            string[] head = [];
            var answers = new Dictionary<string, Answer>(StringComparer.Ordinal);
            while (await reader.ReadAsync(cancellationToken))
            {
                // Sequential access: every column is read once, in order.
                var id = reader.GetString(0);
                var row = new string[7];
                for (var i = 0; i < 7; i++)
                {
                    row[i] = reader.IsDBNull(i + 1) ? "" : reader.GetString(i + 1);
                }

                var key = Nullable(reader, 8);
                var answer = key is null ? null : new Answer(Nullable(reader, 9), Ticks(Nullable(reader, 10)), Nullable(reader, 11), Nullable(reader, 12));
                if (current != id)
                {
                    if (current is not null)
                    {
                        await WriteRowAsync(csv, head, columns, answers, cancellationToken);
                    }

                    current = id;
                    head = row;
                    answers.Clear();
                }

                if (key is not null)
                {
                    answers[key] = answer!;
                }
            }

            if (current is not null)
            {
                await WriteRowAsync(csv, head, columns, answers, cancellationToken);
            }
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }

        await csv.FlushAsync(cancellationToken);
    }

    private static async Task WriteRowAsync(CsvWriter csv, string[] head, IReadOnlyList<Column> columns, Dictionary<string, Answer> answers, CancellationToken cancellationToken)
    {
        csv.WriteField(head[0]);
        csv.WriteField(DateTime.TryParse(head[1], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var received)
            ? UkTime.ToUk(received).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            : head[1]);
        csv.WriteField(Enum.TryParse<ResponseChannel>(head[2], out var channel) ? DataRequests.ChannelText(channel) : head[2]);
        csv.WriteField(head[3] == nameof(RespondentType.PartnerOrganisation) ? "Partner organisation" : head[3]);
        for (var i = 4; i < head.Length; i++)
        {
            csv.WriteField(head[i]);
        }

        foreach (var column in columns)
        {
            csv.WriteField(column.Value(answers));
        }

        await csv.EndRecordAsync(cancellationToken);
    }

    /// <summary>
    /// The version's questions, then every other answer key a response answered: a question whose meaning changed
    /// since (a new revision, so a new <see cref="Question.AnswerKey"/>, docs/adr/0083) or that an earlier published
    /// version asked and this one dropped keeps its answers in columns of its own, named after the newest earlier
    /// version that asked it; a key no version knows (none should exist) still gets a column, so no answer is lost.
    /// </summary>
    private async Task<List<Column>> ColumnsAsync(ConsultationVersion version, CancellationToken cancellationToken)
    {
        var covered = new HashSet<string>(StringComparer.Ordinal);
        var columns = Columns(version.Questions, null, _ => true, covered);
        var answered = (await db.ResponseAnswers.AsNoTracking().Where(a => a.ConsultationId == version.ConsultationId)
            .Select(a => a.QuestionKey).Distinct().ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        if (answered.IsSubsetOf(covered))
        {
            return columns;
        }

        var earlier = await db.ConsultationVersions.AsNoTracking()
            .Where(v => v.ConsultationId == version.ConsultationId && v.Id != version.Id)
            .OrderByDescending(v => v.Number)
            .Select(v => new { v.Number, v.Questions })
            .ToListAsync(cancellationToken);
        foreach (var older in earlier)
        {
            columns.AddRange(Columns(older.Questions, $"earlier version {older.Number.ToString(CultureInfo.InvariantCulture)}", k => answered.Contains(k) && !covered.Contains(k), covered));
        }

        foreach (var key in answered.Where(k => !covered.Contains(k)).Order(StringComparer.Ordinal))
        {
            columns.Add(new($"Answer {key}", a => a.GetValueOrDefault(key) is { } answer ? string.Join("; ", new[] { answer.Choice }.Concat(answer.Choices).Append(answer.Text).Where(v => !string.IsNullOrEmpty(v))) : ""));
        }

        return columns;
    }

    /// <summary>The columns for <paramref name="questions"/>' answer keys that are <paramref name="wanted"/> (a question's
    /// answer and its follow-up are asked separately), read by answer key; <paramref name="covered"/> gains the keys
    /// they read. <paramref name="label"/> tells an earlier version's question from the current one's.</summary>
    private static List<Column> Columns(IEnumerable<Question> questions, string? label, Func<string, bool> wanted, HashSet<string> covered)
    {
        var columns = new List<Column>();
        foreach (var question in questions)
        {
            var key = question.AnswerKey;
            var name = $"Q{question.Number.ToString(CultureInfo.InvariantCulture)} {Short(question.Text)}" + (label is null ? "" : $" [{label}]");
            var explain = question.FollowUpLabel is null ? null : question.ExplanationAnswerKey;
            var withAnswer = wanted(key);
            var withExplanation = explain is not null && wanted(explain);
            if (withAnswer)
            {
                covered.Add(key);
            }

            if (withExplanation)
            {
                covered.Add(explain!);
            }

            Answer? Of(IReadOnlyDictionary<string, Answer> answers, string k) => answers.GetValueOrDefault(k);
            var hasOther = question.Type is QuestionType.SingleChoice or QuestionType.MultipleChoice && question.Options.Any(ResponseRules.IsOther);
            switch (withAnswer ? question.Type : (QuestionType?)null)
            {
                case QuestionType.FreeText:
                    columns.Add(new(name, a => Of(a, key)?.Text ?? ""));
                    columns.Add(new(name + " (themes)", a => Of(a, key)?.Themes ?? ""));
                    break;
                case QuestionType.MultipleChoice:
                    foreach (var option in ResponseRules.OptionsOf(question))
                    {
                        columns.Add(new($"{name}: {option}", a => Of(a, key) is { } ticked && ticked.Choices.Contains(option, StringComparer.Ordinal) ? "Yes" : ""));
                    }

                    break;
                case not null:
                    columns.Add(new(name, a => Of(a, key)?.Choice ?? ""));
                    break;
            }

            if (withAnswer && hasOther)
            {
                columns.Add(new(name + " (other, please specify)", a => Of(a, key)?.Text ?? ""));
                columns.Add(new(name + " (other: themes)", a => Of(a, key)?.Themes ?? ""));
            }

            if (withExplanation && explain is { } explained)
            {
                columns.Add(new($"{name} ({question.FollowUpLabel})", a => Of(a, explained)?.Text ?? ""));
                columns.Add(new($"{name} ({question.FollowUpLabel}: themes)", a => Of(a, explained)?.Themes ?? ""));
            }
        }

        return columns;
    }

    private static IReadOnlyList<string> Ticks(string? json) => json is null or "[]" ? [] : JsonSerializer.Deserialize<List<string>>(json) ?? [];

    private static string? Nullable(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static string Short(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
