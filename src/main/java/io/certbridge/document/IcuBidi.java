package io.certbridge.document;

import com.ibm.icu.text.ArabicShaping;
import com.ibm.icu.text.ArabicShapingException;
import com.ibm.icu.text.Bidi;
import com.ibm.icu.text.BidiRun;
import com.openhtmltopdf.bidi.BidiReorderer;
import com.openhtmltopdf.bidi.BidiSplitter;
import com.openhtmltopdf.bidi.BidiTextRun;

/**
 * Right-to-left text for openhtmltopdf: the Unicode bidirectional algorithm splits a paragraph into runs in
 * visual order, and Arabic letters take the form (isolated, initial, medial, final) their neighbours call for.
 * Without these, Arabic and Hebrew come out backwards and Arabic letters unjoined.
 */
final class IcuBidi {

    private IcuBidi() {
    }

    static final class Splitter implements BidiSplitter {

        private final Bidi bidi = new Bidi();

        @Override
        public void setParagraph(String paragraph, byte defaultDirection) {
            bidi.setPara(paragraph, defaultDirection, null);
        }

        @Override
        public int countTextRuns() {
            return bidi.countRuns();
        }

        @Override
        public BidiTextRun getVisualRun(int runIndex) {
            BidiRun run = bidi.getVisualRun(runIndex);
            return new BidiTextRun(run.getStart(), run.getLength(), run.getDirection());
        }

        @Override
        public byte getBaseDirection(String paragraph) {
            return Bidi.getBaseDirection(paragraph);
        }
    }

    static final class Reorderer implements BidiReorderer {

        private static final int LOGICAL = ArabicShaping.TEXT_DIRECTION_LOGICAL | ArabicShaping.LENGTH_GROW_SHRINK;

        private final ArabicShaping shaper = new ArabicShaping(LOGICAL | ArabicShaping.LETTERS_SHAPE);
        private final ArabicShaping deshaper = new ArabicShaping(LOGICAL | ArabicShaping.LETTERS_UNSHAPE);

        @Override
        public String reorderRTLTextToLTR(String text) {
            return Bidi.writeReverse(text, Bidi.DO_MIRRORING);
        }

        @Override
        public String shapeText(String text) {
            return apply(shaper, text);
        }

        /** openhtmltopdf falls back to the plain letters for a font that lacks the shaped forms. */
        @Override
        public String deshapeText(String text) {
            return apply(deshaper, text);
        }

        @Override
        public boolean isLiveImplementation() {
            return true;
        }

        /** The shaper only fails on options that need room it was not given; these options never do. */
        private static String apply(ArabicShaping shaping, String text) {
            try {
                return shaping.shape(text);
            } catch (ArabicShapingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
