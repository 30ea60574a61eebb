package org.collabedge.protection;

/**
 * Makes text a client chose (a user name from a Basic header or a SIP From) safe for one log line: control characters
 * such as CR and LF become '?', so a crafted name cannot start a forged log line, and overlong names are cut.
 */
public final class LogText {

    static final int MAX = 200;

    private LogText() {
    }

    /** The text with every control character replaced and at most {@value #MAX} characters; null stays null. */
    public static String of(String clientText) {
        if (clientText == null) {
            return null;
        }
        String s = clientText.length() > MAX ? clientText.substring(0, MAX) + "..." : clientText;
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                if (b == null) {
                    b = new StringBuilder(s);
                }
                b.setCharAt(i, '?');
            }
        }
        return b == null ? s : b.toString();
    }
}
