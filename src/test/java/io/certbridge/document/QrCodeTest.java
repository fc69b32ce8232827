package io.certbridge.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class QrCodeTest {

    private static final String URL = "https://certs.example.org/verify/0193f0c2-7d1e-7a4b-9c3d-5e6f7a8b9c0d";

    private final QrCode qrCode = new QrCode();

    @Test
    void decodesToTheEncodedUrl() throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(qrCode.png(URL, 240)));

        assertThat(image.getWidth()).isEqualTo(240);
        assertThat(decode(image)).isEqualTo(URL);
    }

    @Test
    void dataUriHoldsThePng() throws Exception {
        String uri = qrCode.pngDataUri(URL, 200);

        assertThat(uri).startsWith("data:image/png;base64,");
        byte[] png = Base64.getDecoder().decode(uri.substring("data:image/png;base64,".length()));
        assertThat(decode(ImageIO.read(new ByteArrayInputStream(png)))).isEqualTo(URL);
    }

    private static String decode(BufferedImage image) throws Exception {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        return new QRCodeReader().decode(bitmap).getText();
    }
}
