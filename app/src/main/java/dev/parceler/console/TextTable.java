package dev.parceler.console;

import java.io.PrintWriter;
import java.util.List;

/** The boxed tables the Laravel console printed, so operators' eyes and scripts find the same shape. */
final class TextTable {
    private TextTable() {
    }

    static void print(PrintWriter out, List<String> headers, List<List<String>> rows) {
        int[] widths = new int[headers.size()];
        for (int column = 0; column < widths.length; column++) {
            widths[column] = headers.get(column).length();
            for (List<String> row : rows) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        String border = border(widths);
        out.println(border);
        out.println(line(widths, headers));
        out.println(border);
        for (List<String> row : rows) {
            out.println(line(widths, row));
        }
        out.println(border);
    }

    private static String border(int[] widths) {
        StringBuilder border = new StringBuilder("+");
        for (int width : widths) {
            border.append("-".repeat(width + 2)).append('+');
        }
        return border.toString();
    }

    private static String line(int[] widths, List<String> cells) {
        StringBuilder line = new StringBuilder("|");
        for (int column = 0; column < widths.length; column++) {
            String cell = cells.get(column);
            line.append(' ').append(cell).append(" ".repeat(widths[column] - cell.length())).append(" |");
        }
        return line.toString();
    }
}
