package io.certbridge.vault;

import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.util.Matrix;

/**
 * A page as it is shown, its rotation applied: its width and height, and the matrix from these shown coordinates
 * (points, origin at the bottom left as the reader sees it) to the page's own, for drawing upright on a rotated page.
 */
record PageGeometry(float width, float height, Matrix shownToPage) {

    static PageGeometry of(PDPage page) {
        PDRectangle box = page.getCropBox();
        float llx = box.getLowerLeftX();
        float lly = box.getLowerLeftY();
        float urx = box.getUpperRightX();
        float ury = box.getUpperRightY();
        return switch (Math.floorMod(page.getRotation(), 360)) {
            case 90 -> new PageGeometry(box.getHeight(), box.getWidth(), new Matrix(0, 1, -1, 0, urx, lly));
            case 180 -> new PageGeometry(box.getWidth(), box.getHeight(), new Matrix(-1, 0, 0, -1, urx, ury));
            case 270 -> new PageGeometry(box.getHeight(), box.getWidth(), new Matrix(0, -1, 1, 0, llx, ury));
            default -> new PageGeometry(box.getWidth(), box.getHeight(), new Matrix(1, 0, 0, 1, llx, lly));
        };
    }

    /** A rectangle in shown coordinates, in the page's own. */
    PDRectangle onPage(float x, float y, float w, float h) {
        var a = shownToPage.transformPoint(x, y);
        var b = shownToPage.transformPoint(x + w, y + h);
        return new PDRectangle((float) Math.min(a.getX(), b.getX()), (float) Math.min(a.getY(), b.getY()),
                (float) Math.abs(b.getX() - a.getX()), (float) Math.abs(b.getY() - a.getY()));
    }
}
