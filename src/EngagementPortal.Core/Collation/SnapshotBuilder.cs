using EngagementPortal.Core.Collation.Themes;
using EngagementPortal.Core.Consultations;

namespace EngagementPortal.Core.Collation;

/// <summary>
/// Builds a snapshot's content from a state. Everything here reads responses in response-id order and
/// breaks every tie by an ordinal comparison, so the content is a function of the current responses only.
/// </summary>
internal static class SnapshotBuilder
{
    private const string NotGiven = "Not given";

    public static CollationContent Build(CollationState state)
    {
        var options = state.Options;
        var ordering = CollationTrace.Phase("build.order");
        var ordered = state.Responses.Values.OrderBy(r => r.ResponseId, StringComparer.Ordinal).ToArray();
        var counted = ordered.Where(r => r.Moderation == ModerationState.None).ToArray();
        var campaign = ordered.Where(r => r.Moderation == ModerationState.Campaign).ToArray();
        var included = ordered.Where(r => r.Included).ToArray();

        var counts = new ResponseCounts(
            counted.Count(r => r.RespondentType == RespondentType.Individual),
            counted.Count(r => r.RespondentType == RespondentType.OrganisationPublic),
            counted.Count(r => r.RespondentType == RespondentType.PartnerSubmission),
            campaign.Length,
            counted.Length,
            ordered.Count(r => r.Moderation == ModerationState.Duplicate),
            ordered.Count(r => r.Moderation == ModerationState.Spam),
            ordered.Count(r => r.Moderation == ModerationState.Withdrawn),
            included.GroupBy(r => r.Channel, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new NamedCount(g.Key, g.Count())).ToList());
        ordering?.Dispose();

        // Partners and breakdowns do not depend on the questions' evidence: they run beside it rather than after it.
        var rest = Task.Run(() =>
        {
            using var phase = CollationTrace.Phase("build.partners+breakdowns");
            return (Partners(state, counted), Breakdowns(state, counted), Invited(state, counted));
        });

        // Questions are independent, and so are a question's themes and its campaign groups: they are built as separate
        // pieces, then combined in question order. No more at once than there are cores: a question's themes hold its
        // TF-IDF vectors (tens of MB at 100,000 responses), and more pieces started together on two cores only hold more
        // of them for the same CPU. Pieces smaller than whole questions keep both cores busy to the end.
        var questionCount = state.Definition.Questions.Count;
        var seed = state.TakeSeed();
        var indexes = new NearDuplicateIndex?[questionCount];
        var themesOf = new ThemeEvidence[questionCount];
        var tallies = new List<TallyRow>[questionCount];
        var campaignsOf = new (List<CampaignGroup> Groups, int FreeText, int InGroups, int DistinctTexts, int DistinctRespondents)[questionCount];

        // Pieces 0 to questionCount - 1 are the questions' themes, the rest their campaign groups: the larger pieces first
        // leaves the smaller ones to fill the end (measured: this order beat rounds of a question's themes then its
        // campaign groups).
        Parallel.For(0, 2 * questionCount, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, piece =>
        {
            var q = piece % questionCount;
            if (piece < questionCount)
            {
                themesOf[q] = Themes(state, q, counted);
                return;
            }

            var tallying = CollationTrace.Phase("build.tally");
            tallies[q] = Tally(q, CollationState.OptionsOf(state.Definition.Questions[q]), counted, campaign);
            tallying?.Dispose();
            campaignsOf[q] = Campaigns(q, included, options, seed?[q], out indexes[q]);
            if (seed is not null)
            {
                seed[q] = null; // The previous run's index for this question is done with: it need not outlive the others' builds.
            }
        });
        var evidence = new QuestionEvidence[questionCount];
        var figures = new (int FreeText, int InGroups, int Groups, int DistinctTexts, int DistinctRespondents)[questionCount];
        for (var q = 0; q < questionCount; q++)
        {
            var question = state.Definition.Questions[q];
            var (groups, freeText, inGroups, distinctTexts, distinctRespondents) = campaignsOf[q];
            var themes = themesOf[q];
            figures[q] = (freeText, inGroups, groups.Count, distinctTexts, distinctRespondents);
            evidence[q] = new QuestionEvidence(
                question.Key,
                question.Number,
                question.Text,
                tallies[q],
                freeText,
                themes.Coded,
                themes.Suggested,
                themes.Answers,
                groups);
        }

        state.NearDuplicateIndexes = indexes;
        var questions = evidence.ToList();
        var freeTextTotal = figures.Sum(f => f.FreeText);
        var inGroupsTotal = figures.Sum(f => f.InGroups);
        var groupsTotal = figures.Sum(f => f.Groups);
        var distinctTextsTotal = figures.Sum(f => f.DistinctTexts);
        var distinctRespondentsTotal = figures.Sum(f => f.DistinctRespondents);

        var method = NearDuplicates.MethodStatement(options.NearDuplicateThreshold, options.CampaignMinimumSubmissions, freeTextTotal, inGroupsTotal, groupsTotal, distinctTextsTotal, distinctRespondentsTotal)
            + " Themes: officers' codes are counted as given; for uncoded answers, themes are suggested by TF-IDF over words and two-word phrases, "
            + "clustered by cosine similarity (spherical k-means) and labelled by their most distinctive terms, and each uncoded answer is given "
            + "the nearest coded theme (a Rocchio classifier with self-training) when officers have coded some answers. "
            + $"Groups of fewer than {options.SuppressBelow} people are not shown in breakdowns.";

        var (partners, breakdowns, invited) = rest.GetAwaiter().GetResult();
        return new CollationContent(
            state.Definition.ConsultationSlug,
            counts,
            questions,
            partners,
            breakdowns,
            invited,
            method);
    }

    private static List<TallyRow> Tally(int q, IReadOnlyList<string> options, ResponseContribution[] counted, ResponseContribution[] campaign)
    {
        if (options.Count == 0)
        {
            return [];
        }

        // Columns: 0 individual, 1 organisation, 2 partner, 3 overall, 4 campaign. Last row: not answered.
        var rows = options.Count + 1;
        var cells = new int[rows, 5];
        var totals = new int[5];
        void Count(ResponseContribution r, int column)
        {
            totals[column]++;
            var answer = r.AnswerTo(q);
            if (answer is null || answer.Choices.Length == 0)
            {
                cells[options.Count, column]++;
                return;
            }

            foreach (var c in answer.Choices)
            {
                cells[c, column]++;
            }
        }

        foreach (var r in counted)
        {
            Count(r, (int)r.RespondentType);
            Count(r, 3);
        }

        foreach (var r in campaign)
        {
            Count(r, 4);
        }

        TallyCell Cell(int row, int column) => new(cells[row, column], Percent(cells[row, column], totals[column]));
        return Enumerable.Range(0, rows)
            .Select(row => new TallyRow(row < options.Count ? options[row] : TallyRows.NotAnswered, Cell(row, 0), Cell(row, 1), Cell(row, 2), Cell(row, 3), Cell(row, 4)))
            .ToList();
    }

    private sealed record ThemeEvidence(List<CodedTheme> Coded, List<SuggestedThemeEvidence> Suggested, List<AnswerSuggestion> Answers);

    private static ThemeEvidence Themes(CollationState state, int q, ResponseContribution[] counted)
    {
        var options = state.Options;
        var questionKey = state.Definition.Questions[q].Key;
        var phase = CollationTrace.Phase("themes.vectors");
        var rows = new List<(ResponseContribution Response, AnswerContribution Answer)>();
        foreach (var r in counted)
        {
            var a = r.AnswerTo(q);
            if (a is { HasText: true })
            {
                rows.Add((r, a));
            }
        }

        if (rows.Count == 0)
        {
            phase?.Dispose();
            return new ThemeEvidence([], [], []);
        }

        phase?.Dispose();
        phase = CollationTrace.Phase("themes.fit");
        var (model, idToIndex) = TfIdf.FitIds(rows.Select(x => x.Answer.Terms).ToList(), state.Terms.Terms);
        phase?.Dispose();
        phase = CollationTrace.Phase("themes.transform");
        var vectors = model.TransformAll(rows.Select(x => x.Answer.Terms).ToList(), idToIndex);
        phase?.Dispose();
        phase = CollationTrace.Phase("themes.coded");

        // Officers' codes: counts, and the publishable quotes closest to each theme's centre.
        var coded = new Dictionary<int, IReadOnlyList<string>>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Answer.Themes.Length > 0)
            {
                coded[i] = rows[i].Answer.Themes;
            }
        }

        var codedThemes = new List<CodedTheme>();
        foreach (var theme in coded.Values.SelectMany(t => t).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var members = coded.Where(p => p.Value.Contains(theme, StringComparer.Ordinal)).Select(p => p.Key).Order().ToList();
            var centre = new double[model.Dimension];
            foreach (var m in members)
            {
                vectors[m].AddTo(centre, 1);
            }

            SparseVector.Normalise(centre);
            var quotes = members.Where(m => rows[m].Answer.Quote is not null)
                .OrderByDescending(m => vectors[m].Dot(centre)).ThenBy(m => m)
                .Take(options.QuotesPerTheme)
                .Select(m => QuoteOf(rows[m].Response, rows[m].Answer))
                .ToList();
            codedThemes.Add(new CodedTheme(theme, members.Count, Percent(members.Count, rows.Count), quotes));
        }

        phase?.Dispose();

        // Uncoded answers: suggested themes to accept into the coding frame, and a suggestion per answer.
        var uncoded = Enumerable.Range(0, rows.Count).Where(i => !coded.ContainsKey(i)).ToArray();
        var suggestedThemes = new List<SuggestedThemeEvidence>();
        var answerSuggestions = new List<AnswerSuggestion>();
        if (uncoded.Length == 0)
        {
            return new ThemeEvidence(codedThemes, suggestedThemes, answerSuggestions);
        }

        phase = CollationTrace.Phase("themes.sample");
        var uncodedVectors = uncoded.Select(i => vectors[i]).ToArray();
        var sample = uncoded.Length <= options.ThemeSampleLimit
            ? null
            : Enumerable.Range(0, uncoded.Length)
                .OrderBy(k => SampleKey(rows[uncoded[k]].Response.ResponseId, questionKey)).ThenBy(k => k)
                .Take(options.ThemeSampleLimit)
                .Order()
                .ToList();
        phase?.Dispose();
        phase = CollationTrace.Phase("themes.clusters");
        var clusters = ThemeClustering.Suggest(model, uncodedVectors, options.ThemeSeed, sample: sample, quotable: k => rows[uncoded[k]].Answer.Quote is not null, perAnswer: coded.Count == 0);
        foreach (var theme in clusters.Themes)
        {
            suggestedThemes.Add(new SuggestedThemeEvidence(
                theme.Label,
                theme.Terms,
                theme.Size,
                theme.ClosestAnswers.Select(k => QuoteOf(rows[uncoded[k]].Response, rows[uncoded[k]].Answer)).ToList()));
        }

        phase?.Dispose();
        phase = CollationTrace.Phase("themes.classifier");
        IReadOnlyList<ThemeSuggestion> perAnswer;
        if (coded.Count > 0)
        {
            // Self-training learns from the same hash-chosen sample the clustering uses, then scores every answer once.
            var learners = sample?.Select(k => uncoded[k]).ToList();
            var classified = ThemeClassifier.Suggest(model, vectors, coded, training: learners);
            phase?.Dispose();
            phase = CollationTrace.Phase("themes.answerlist");
            perAnswer = uncoded.Select(i => classified[i]).ToList();
        }
        else
        {
            perAnswer = clusters.Answers;
        }

        // Most answers share one of a few theme sets: one list per set, not one per answer (300,000 lists at 100,000
        // responses, kept until the snapshot is stored). The JSON, and so the hash, is the same.
        var themeSets = new Dictionary<(string, string?), IReadOnlyList<string>>();
        IReadOnlyList<string> Shared(IReadOnlyList<string> themes)
        {
            if (themes.Count == 0)
            {
                return [];
            }

            if (themes.Count > 2)
            {
                return themes;
            }

            var key = (themes[0], themes.Count == 2 ? themes[1] : null);
            if (!themeSets.TryGetValue(key, out var shared))
            {
                themeSets[key] = shared = themes;
            }

            return shared;
        }

        answerSuggestions.Capacity = uncoded.Length;
        for (var k = 0; k < uncoded.Length; k++)
        {
            answerSuggestions.Add(new AnswerSuggestion(rows[uncoded[k]].Response.ResponseId, Shared(perAnswer[k].Themes), perAnswer[k].Confidence));
        }

        phase?.Dispose();

        return new ThemeEvidence(codedThemes, suggestedThemes, answerSuggestions);
    }

    private static (List<CampaignGroup> Groups, int FreeText, int InGroups, int DistinctTexts, int DistinctRespondents) Campaigns(int q, ResponseContribution[] included, CollationOptions options, NearDuplicateIndex? previous, out NearDuplicateIndex index)
    {
        var rows = new List<(ResponseContribution Response, AnswerContribution Answer)>();
        foreach (var r in included)
        {
            var a = r.AnswerTo(q);
            if (a is { HasText: true })
            {
                rows.Add((r, a));
            }
        }

        int[] groupOf;
        using (CollationTrace.Phase(previous is null ? "campaigns.index (new)" : "campaigns.index (kept)"))
        {
            (groupOf, index) = NearDuplicateIndex.Group(rows.Select(x => x.Response.ResponseId).ToArray(), rows.Select(x => x.Answer).ToArray(), options.NearDuplicateThreshold, previous);
        }

        using var grouping = CollationTrace.Phase("campaigns.groups");
        var groups = new List<CampaignGroup>();
        int inGroups = 0, distinctTexts = 0, distinctRespondents = 0;
        // Sizes first, so only groups big enough to report are gathered (most answers are a group of one). A group is
        // named by its first member, so ascending names are the order in which the groups first appear.
        var sizes = new int[rows.Count];
        foreach (var g in groupOf)
        {
            sizes[g]++;
        }

        var big = new Dictionary<int, List<int>>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (sizes[groupOf[i]] >= options.CampaignMinimumSubmissions)
            {
                if (!big.TryGetValue(groupOf[i], out var list))
                {
                    big[groupOf[i]] = list = new List<int>(sizes[groupOf[i]]);
                }

                list.Add(i);
            }
        }

        foreach (var members in big.OrderBy(p => p.Key).Select(p => p.Value))
        {
            var texts = members.Select(i => rows[i].Answer.TextHash).Distinct().Count();
            var respondents = members.Select(i => rows[i].Response.RespondentKey ?? "\u0001" + rows[i].Response.ResponseId).Distinct(StringComparer.Ordinal).Count();
            var example = members.Select(i => rows[i].Answer.QuoteText).FirstOrDefault(t => t is not null) ?? "(not shown: no respondent in this group agreed to publish)";
            groups.Add(new CampaignGroup(members.Count, texts, respondents, members.Count(i => rows[i].Response.Moderation == ModerationState.Campaign), example));
            inGroups += members.Count;
            distinctTexts += texts;
            distinctRespondents += respondents;
        }

        var ordered = groups.OrderByDescending(g => g.RawSubmissions).ThenBy(g => g.ExampleText, StringComparer.Ordinal).ToList();
        return (ordered, rows.Count, inGroups, distinctTexts, distinctRespondents);
    }

    private static PartnerPositions Partners(CollationState state, ResponseContribution[] counted)
    {
        var choiceQuestions = Enumerable.Range(0, state.Definition.Questions.Count).Where(q => state.Definition.Questions[q].HasChoices).ToList();
        var latest = counted
            .Where(r => r.RespondentType == RespondentType.PartnerSubmission && r.Partner is not null)
            .GroupBy(r => r.Partner!.OrganisationName.Trim(), StringComparer.OrdinalIgnoreCase)
            .Select(g => g.OrderByDescending(r => r.UpdatedAt).ThenByDescending(r => r.ResponseId, StringComparer.Ordinal).First())
            .OrderBy(r => r.Partner!.OrganisationName.Trim(), StringComparer.Ordinal);
        var organisations = new List<PartnerPosition>();
        foreach (var r in latest)
        {
            var positions = choiceQuestions.Select(q =>
            {
                var a = r.AnswerTo(q);
                var options = CollationState.OptionsOf(state.Definition.Questions[q]);
                return a is null || a.Choices.Length == 0 ? null : string.Join("; ", a.Choices.Select(c => options[c]));
            }).ToList();
            string? quote = null;
            if (r.Publishable)
            {
                quote = string.IsNullOrWhiteSpace(r.Partner!.KeyQuote)
                    ? r.Answers.Select(a => a.QuoteText).FirstOrDefault(t => t is not null)
                    : r.Partner.KeyQuote.Trim();
            }

            organisations.Add(new PartnerPosition(r.Partner!.OrganisationName.Trim(), r.Partner.GovernanceStatus, positions, quote));
        }

        return new PartnerPositions(choiceQuestions.Select(q => state.Definition.Questions[q].Key).ToList(), organisations);
    }

    private static List<Breakdown> Breakdowns(CollationState state, ResponseContribution[] counted)
    {
        var result = new List<Breakdown>();
        var places = state.Definition.Places.ToList();
        var extraPlaces = counted.Select(r => r.Place).OfType<string>().Where(p => !places.Contains(p, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        result.Add(BreakdownBy(state, "Place", counted, r => r.Place ?? NotGiven, [.. places, .. extraPlaces, NotGiven]));
        var equalityQuestions = counted.SelectMany(r => r.Equality.Select(e => e.Question)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var key in equalityQuestions)
        {
            string GroupOf(ResponseContribution r)
            {
                foreach (var (question, answer) in r.Equality)
                {
                    if (question == key)
                    {
                        return answer;
                    }
                }

                return NotGiven;
            }

            var groups = counted.Select(GroupOf).Where(g => g != NotGiven).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Append(NotGiven).ToList();
            result.Add(BreakdownBy(state, key, counted, GroupOf, groups));
        }

        return result;
    }

    private static Breakdown BreakdownBy(CollationState state, string dimension, ResponseContribution[] counted, Func<ResponseContribution, string> groupOf, List<string> groups)
    {
        var members = groups.ToDictionary(g => g, _ => new List<ResponseContribution>(), StringComparer.Ordinal);
        foreach (var r in counted)
        {
            members[groupOf(r)].Add(r);
        }

        var suppressed = Suppressed(groups.Select(g => (g, members[g].Count)).ToList(), state.Options.SuppressBelow);

        var choiceQuestions = Enumerable.Range(0, state.Definition.Questions.Count).Where(q => state.Definition.Questions[q].HasChoices).ToList();
        var rows = new List<BreakdownGroup>();
        foreach (var g in groups)
        {
            if (suppressed.Contains(g))
            {
                rows.Add(new BreakdownGroup(g, null, true, []));
                continue;
            }

            var cells = choiceQuestions.Select(q =>
            {
                var options = CollationState.OptionsOf(state.Definition.Questions[q]);
                var optionCounts = new int[options.Count + 1];
                foreach (var r in members[g])
                {
                    var a = r.AnswerTo(q);
                    if (a is null || a.Choices.Length == 0)
                    {
                        optionCounts[options.Count]++;
                    }
                    else
                    {
                        foreach (var c in a.Choices)
                        {
                            optionCounts[c]++;
                        }
                    }
                }

                return new BreakdownCell(state.Definition.Questions[q].Key, options.Append(TallyRows.NotAnswered).Select((o, i) => new NamedCount(o, optionCounts[i])).ToList());
            }).ToList();
            rows.Add(new BreakdownGroup(g, members[g].Count, false, cells));
        }

        return new Breakdown(dimension, rows);
    }

    /// <summary>Groups to hide: any of 1 to threshold - 1 people and, when that is only one, the next smallest too (else the total reveals it).</summary>
    internal static HashSet<string> Suppressed(IReadOnlyList<(string Group, int Count)> groups, int threshold)
    {
        var suppressed = groups.Where(g => g.Count > 0 && g.Count < threshold).Select(g => g.Group).ToHashSet(StringComparer.Ordinal);
        if (suppressed.Count == 1)
        {
            var next = groups.Where(g => !suppressed.Contains(g.Group) && g.Count > 0)
                .OrderBy(g => g.Count).ThenBy(g => g.Group, StringComparer.Ordinal).Select(g => g.Group).FirstOrDefault();
            if (next is not null)
            {
                suppressed.Add(next);
            }
        }

        return suppressed;
    }

    private static List<InvitedOrganisation> Invited(CollationState state, ResponseContribution[] counted)
    {
        var submitted = counted.Where(r => r.RespondentType == RespondentType.PartnerSubmission && r.Partner is not null)
            .GroupBy(r => r.Partner!.OrganisationName.Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.UpdatedAt).ThenByDescending(r => r.ResponseId, StringComparer.Ordinal).First().Partner!.GovernanceStatus, StringComparer.OrdinalIgnoreCase);
        return state.Definition.InvitedOrganisations
            .Select(o => o.Trim())
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal)
            .Select(o => new InvitedOrganisation(o, submitted.ContainsKey(o), submitted.GetValueOrDefault(o)))
            .ToList();
    }

    private static Quote QuoteOf(ResponseContribution response, AnswerContribution answer) =>
        new(response.ResponseId, response.Attribution, answer.QuoteText ?? "");

    private static double Percent(int count, int total) => total == 0 ? 0 : Math.Round(100.0 * count / total, 1, MidpointRounding.AwayFromZero);

    private static ulong SampleKey(string responseId, string questionKey) =>
        NearDuplicates.Mix(NearDuplicates.Fnv(NearDuplicates.Fnv(14695981039346656037UL, responseId) ^ 0x1F, questionKey));
}

