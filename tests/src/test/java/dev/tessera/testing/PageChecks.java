package dev.tessera.testing;

import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Checks a console page as it is laid out in the browser: horizontal overflow, chart labels cut off
 * by their SVG, and axe-core's accessibility rules. axe-core's script (from its npm package, kept in
 * tests/src/test/resources/axe-core) is evaluated by the test through the DevTools protocol, so the page's
 * Content-Security-Policy stays on and nothing is loaded from the network.
 */
public final class PageChecks {

    private static final String AXE = read("/axe-core/axe.min.js");

    private PageChecks() {}

    /** How many CSS pixels the document is wider than the viewport (0 or less: no horizontal scrolling). */
    public static int overflow(Page page) {
        return ((Number) page.evaluate("document.documentElement.scrollWidth - window.innerWidth")).intValue();
    }

    /** Elements that stick out of the viewport on the right, to say what overflows. */
    @SuppressWarnings("unchecked")
    public static List<String> widerThanViewport(Page page) {
        return (List<String>) page.evaluate("""
                () => [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
                    .slice(0, 8)
                    .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + [...e.classList].join('.')
                        + ' right=' + Math.round(e.getBoundingClientRect().right))""");
    }

    /** Texts of chart labels that do not fit inside their chart. */
    @SuppressWarnings("unchecked")
    public static List<String> clippedChartLabels(Page page) {
        return (List<String>) page.evaluate("""
                () => [...document.querySelectorAll('svg.chart-svg')].flatMap(svg => {
                    const box = svg.getBoundingClientRect();
                    return [...svg.querySelectorAll('text')].filter(t => {
                        const r = t.getBoundingClientRect();
                        return r.width > 0 && (r.left < box.left || r.right > box.right
                            || r.top < box.top || r.bottom > box.bottom);
                    }).map(t => t.textContent);
                })""");
    }

    /** axe-core's serious and critical violations on the page, one line each (rule: elements). */
    @SuppressWarnings("unchecked")
    public static List<String> seriousAccessibilityViolations(Page page) {
        page.evaluate(AXE);
        return (List<String>) page.evaluate("""
                async () => {
                    const result = await axe.run(document, { resultTypes: ['violations'] });
                    return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                        .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).join(', '));
                }""");
    }

    private static String read(String resource) {
        try (InputStream in = PageChecks.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
