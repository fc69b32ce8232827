package io.certbridge.vault;

import java.awt.Point;
import java.awt.image.BufferedImage;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Finds room on a rendered page: a rectangle where nothing is drawn. Content is wherever neighbouring pixels differ
 * by more than {@link #INK} in a colour channel (text, lines, the edges of pictures), so a plain background of any
 * colour is room, and so is a smooth gradient, while a scan's paper noise is not content. Of the places with room, the
 * one nearest a corner of the page is taken; between corners, bottom right, bottom left, top right, top left.
 */
final class FreeArea {

    static final int INK = 16;

    private final int width;
    private final int height;
    /** Content pixels above and left of each pixel: {@code (width + 1) * (height + 1)} sums. */
    private final int[] sums;

    FreeArea(BufferedImage page) {
        this.width = page.getWidth();
        this.height = page.getHeight();
        int[] rgb = page.getRGB(0, 0, width, height, null, 0, width);
        boolean[] content = new boolean[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int at = y * width + x;
                if (x + 1 < width && differ(rgb[at], rgb[at + 1])) {
                    content[at] = content[at + 1] = true;
                }
                if (y + 1 < height && differ(rgb[at], rgb[at + width])) {
                    content[at] = content[at + width] = true;
                }
            }
        }
        sums = new int[(width + 1) * (height + 1)];
        for (int y = 0; y < height; y++) {
            int row = 0;
            for (int x = 0; x < width; x++) {
                row += content[y * width + x] ? 1 : 0;
                sums[(y + 1) * (width + 1) + x + 1] = sums[y * (width + 1) + x + 1] + row;
            }
        }
    }

    /**
     * The top left corner (pixels, from the image's top left) of a free {@code w} by {@code h} rectangle with
     * {@code clearance} free around it, at least {@code margin} from the page's edges, looked for every {@code step}.
     */
    Optional<Point> find(int w, int h, int clearance, int margin, int step) {
        Point best = null;
        double bestDistance = Double.MAX_VALUE;
        for (int y : positions(margin, height - h - margin, step)) {
            for (int x : positions(margin, width - w - margin, step)) {
                double distance = cornerDistance(x, y, w, h);
                if (distance < bestDistance && free(x - clearance, y - clearance, w + 2 * clearance,
                        h + 2 * clearance)) {
                    best = new Point(x, y);
                    bestDistance = distance;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** From {@code first} to {@code last} every {@code step}, and {@code last} itself, where the far corners are. */
    private static int[] positions(int first, int last, int step) {
        if (last < first) {
            return new int[0];
        }
        return IntStream.concat(IntStream.iterate(first, p -> p < last, p -> p + step), IntStream.of(last)).toArray();
    }

    /** How far the rectangle is from the nearest page corner, slightly further for corners less preferred. */
    private double cornerDistance(int x, int y, int w, int h) {
        int right = width - x - w;
        int bottom = height - y - h;
        return Math.min(Math.min(Math.hypot(right, bottom), Math.hypot(x, bottom) + 0.1),
                Math.min(Math.hypot(right, y) + 0.2, Math.hypot(x, y) + 0.3));
    }

    private boolean free(int x, int y, int w, int h) {
        int left = Math.max(0, x);
        int top = Math.max(0, y);
        int right = Math.min(width, x + w);
        int bottom = Math.min(height, y + h);
        int stride = width + 1;
        return sums[bottom * stride + right] - sums[top * stride + right] - sums[bottom * stride + left]
                + sums[top * stride + left] == 0;
    }

    private static boolean differ(int a, int b) {
        return Math.abs(((a >> 16) & 0xFF) - ((b >> 16) & 0xFF)) > INK
                || Math.abs(((a >> 8) & 0xFF) - ((b >> 8) & 0xFF)) > INK
                || Math.abs((a & 0xFF) - (b & 0xFF)) > INK;
    }
}
