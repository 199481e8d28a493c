package dev.tessera.console;

import dev.tessera.system.TesseraException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The refusals of one form, field by field, so that a form with three bad fields shows three
 * messages at once, each next to its field in the field's own words (see {@link FormErrors}).
 * Each check runs the domain's own rule for the field; the first refusal per field is kept.
 * Not thread-safe: one per request.
 */
public final class FieldErrors {

    private final Map<String, String> errors = new LinkedHashMap<>();

    /** Runs a field's check; a refusal naming a field is kept, any other is rethrown. */
    public FieldErrors check(Runnable check) {
        try {
            check.run();
        } catch (TesseraException e) {
            add(e);
        }
        return this;
    }

    /** Keeps a refusal that names a field; rethrows one that does not. */
    public void add(TesseraException e) {
        if (e.field() == null) {
            throw e;
        }
        errors.putIfAbsent(e.field(), FormErrors.readable(e));
    }

    public boolean any() {
        return !errors.isEmpty();
    }

    /** Field name → message, in the order the form checks them. */
    public Map<String, String> messages() {
        return Collections.unmodifiableMap(errors);
    }

    /** The first field at fault (the page focuses it), or null. */
    public String first() {
        return errors.isEmpty() ? null : errors.keySet().iterator().next();
    }
}
