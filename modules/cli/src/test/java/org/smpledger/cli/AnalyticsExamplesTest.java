package org.smpledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every example question of docs/analytics.md, run with {@code smp sql --format csv} against the
 * test data set ({@link SeededClinics}), gives the answer the document shows.
 */
class AnalyticsExamplesTest {

    private static final Path DOC = Path.of("../../docs/analytics.md");
    private static final Pattern EXAMPLE =
            Pattern.compile("### (\\d+)\\. ([^\\n]+)\\n.*?```sql\\n(.*?)```.*?```csv\\n(.*?)```", Pattern.DOTALL);
    private static SeededClinics clinics;

    @TempDir
    Path folder;

    record Example(String number, String question, String sql, String answer) {}

    @BeforeAll
    static void seed() {
        clinics = new SeededClinics().seeded();
    }

    @AfterAll
    static void drop() {
        clinics.close();
    }

    static List<Example> examples() throws Exception {
        List<Example> examples = new ArrayList<>();
        Matcher matcher = EXAMPLE.matcher(Files.readString(DOC));
        while (matcher.find()) {
            examples.add(new Example(matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4)));
        }
        return examples;
    }

    @Test
    void everyExampleQuestionGivesTheDocumentedAnswer() throws Exception {
        List<Example> examples = examples();
        assertThat(examples).hasSize(10);
        List<String> wrong = new ArrayList<>();
        for (Example example : examples) {
            Path query = Files.writeString(folder.resolve("q" + example.number() + ".sql"), example.sql());
            Smp run = Smp.on(clinics, "sql", "--file", query.toString(), "--format", "csv");
            String actual = run.out().replace("\r\n", "\n");
            if (run.code() != 0 || !actual.equals(example.answer())) {
                wrong.add("### " + example.number() + ". " + example.question() + " (exit " + run.code() + ")\n"
                        + run.err() + actual);
            }
        }
        assertThat(wrong).as(String.join("\n", wrong)).isEmpty();
    }

    @Test
    void theTablesAreTheDocumentedOnes() throws Exception {
        Smp tables = Smp.on(
                clinics,
                "sql",
                "SELECT table_name FROM information_schema.tables ORDER BY table_name",
                "--format",
                "csv");
        String doc = Files.readString(DOC);
        List<String> names = List.of(tables.out().replace("\r\n", "\n").split("\n"));
        assertThat(names).as("a header, events and one table per event type").hasSize(22);
        for (String table : names.subList(1, names.size())) {
            assertThat(doc).as(table).contains("`" + table + "`");
        }
    }
}
