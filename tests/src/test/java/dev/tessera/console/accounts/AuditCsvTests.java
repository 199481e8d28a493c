package dev.tessera.console.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The audit CSV's cells (issue 16): quoted, quotes doubled, formulas defused for spreadsheets. */
class AuditCsvTests {

    @Test
    void cellsAreQuotedWithQuotesDoubledAndFormulasDefused() {
        assertThat(AuditPage.cell("plain")).isEqualTo("\"plain\"");
        assertThat(AuditPage.cell("say \"hi\", then go")).isEqualTo("\"say \"\"hi\"\", then go\"");
        assertThat(AuditPage.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(AuditPage.cell("@cmd")).isEqualTo("\"'@cmd\"");
        assertThat(AuditPage.cell(null)).isEqualTo("\"\"");
    }
}
