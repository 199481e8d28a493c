package dev.tessera.system.logging;

/**
 * Masks developer tokens in a line of log output. Two shapes are masked: a run of at least 8
 * base64url characters ({@code A-Z a-z 0-9 - _}) that follows {@code developer-token},
 * {@code developer_token} or {@code developerToken} (any case) and separators, one of them {@code :} or {@code =}; and anywhere, a standalone run of exactly 22 base64url characters whose last one is
 * {@code A Q g w} (every token's shape), bounded by other characters or the ends of the text; and
 * anywhere, a run shaped like a prefixed token (a prefix of 2 to 10 characters, {@code _}, then 36
 * letters and digits: {@code tsr_…}), whose prefix is kept.
 * A masked run keeps its first and last four characters ({@code ABcd…STUv}); a run shorter than
 * ten characters becomes {@code …}. One pass over the text, no regular expression; a text without
 * anything to mask is returned as is. Stateless and thread-safe.
 */
public final class LogRedaction {

    private static final int TOKEN_LENGTH = 22;
    /** Letters and digits after a prefixed token's underscore. */
    private static final int PREFIXED_BODY = 36;
    /** Shorter runs after the keyword are words ({@code developer-token:verify}), not token parts. */
    private static final int MIN_AFTER_KEYWORD = 8;
    private static final String[] KEYWORDS = {"developer-token", "developer_token", "developertoken"};

    private LogRedaction() {
    }

    public static String redact(String text) {
        if (text == null || text.length() < TOKEN_LENGTH - 12) {
            return text;
        }
        StringBuilder out = null;
        int copied = 0;
        int length = text.length();
        int i = 0;
        while (i < length) {
            if (!isBase64Url(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < length && isBase64Url(text.charAt(i))) {
                i++;
            }
            int runLength = i - start;
            boolean tokenShaped = runLength == TOKEN_LENGTH && isLastTokenChar(text.charAt(i - 1))
                    || isPrefixedToken(text, start, i);
            if (tokenShaped || (runLength >= MIN_AFTER_KEYWORD && followsKeyword(text, start))) {
                if (out == null) {
                    out = new StringBuilder(length);
                }
                out.append(text, copied, start).append(mask(text, start, i));
                copied = i;
            }
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copied, length).toString();
    }

    /** Prefix, underscore, 36 letters and digits: the scannable format (see token.PrefixedFormat). */
    private static boolean isPrefixedToken(String text, int start, int end) {
        int body = end - PREFIXED_BODY;
        if (body - start < 3 || body - start > 11 || text.charAt(body - 1) != '_') {
            return false;
        }
        for (int j = body; j < end; j++) {
            char c = text.charAt(j);
            if (c == '-' || c == '_') {
                return false;
            }
        }
        return true;
    }

    private static String mask(String text, int start, int end) {
        if (end - start < 10) {
            return "…";
        }
        if (isPrefixedToken(text, start, end)) {
            int body = end - PREFIXED_BODY;
            return text.substring(start, body + 4) + '…' + text.substring(end - 4, end);
        }
        return text.substring(start, start + 4) + '…' + text.substring(end - 4, end);
    }

    /** Whether the run at {@code start} follows a keyword and separators ({@code : = " '} or blanks), one a : or =. */
    private static boolean followsKeyword(String text, int start) {
        int j = start - 1;
        int separators = 0;
        boolean assigns = false;
        while (j >= 0 && separators < 8 && isSeparator(text.charAt(j))) {
            assigns |= text.charAt(j) == ':' || text.charAt(j) == '=';
            j--;
            separators++;
        }
        if (!assigns) {
            return false;
        }
        for (String keyword : KEYWORDS) {
            int from = j - keyword.length() + 1;
            if (from >= 0 && text.regionMatches(true, from, keyword, 0, keyword.length())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSeparator(char c) {
        return c == ':' || c == '=' || c == '"' || c == '\'' || c == ' ' || c == '\t' || c == '[';
    }

    private static boolean isLastTokenChar(char c) {
        return c == 'A' || c == 'Q' || c == 'g' || c == 'w';
    }

    static boolean isBase64Url(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }
}
