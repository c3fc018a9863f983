package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.image.internal.Pixels;

import java.awt.image.BufferedImage;

/** PSNR and SSIM (Wang et al. 2004: 11×11 Gaussian window, σ 1.5, K1 0.01, K2 0.03) on BT.601 luma. */
final class Quality {
    private Quality() {
    }

    static double psnr(BufferedImage a, BufferedImage b) {
        byte[] x = ImageWatermarker.luma(Pixels.argb(a));
        byte[] y = ImageWatermarker.luma(Pixels.argb(b));
        double se = 0;
        for (int i = 0; i < x.length; i++) {
            int d = (x[i] & 0xFF) - (y[i] & 0xFF);
            se += d * d;
        }
        return se == 0 ? 99 : 10 * Math.log10(255.0 * 255 * x.length / se);
    }

    static double ssim(BufferedImage a, BufferedImage b) {
        int w = a.getWidth();
        int h = a.getHeight();
        byte[] xb = ImageWatermarker.luma(Pixels.argb(a));
        byte[] yb = ImageWatermarker.luma(Pixels.argb(b));
        float[] x = new float[w * h];
        float[] y = new float[w * h];
        float[] xx = new float[w * h];
        float[] yy = new float[w * h];
        float[] xy = new float[w * h];
        for (int i = 0; i < x.length; i++) {
            x[i] = xb[i] & 0xFF;
            y[i] = yb[i] & 0xFF;
            xx[i] = x[i] * x[i];
            yy[i] = y[i] * y[i];
            xy[i] = x[i] * y[i];
        }
        float[] k = gaussian(1.5, 5);
        float[] mx = blur(x, w, h, k);
        float[] my = blur(y, w, h, k);
        float[] sxx = blur(xx, w, h, k);
        float[] syy = blur(yy, w, h, k);
        float[] sxy = blur(xy, w, h, k);
        double c1 = Math.pow(0.01 * 255, 2);
        double c2 = Math.pow(0.03 * 255, 2);
        double sum = 0;
        int n = 0;
        for (int r = 5; r < h - 5; r++) {
            for (int c = 5; c < w - 5; c++) {
                int i = r * w + c;
                double ux = mx[i];
                double uy = my[i];
                double vx = sxx[i] - ux * ux;
                double vy = syy[i] - uy * uy;
                double cov = sxy[i] - ux * uy;
                sum += ((2 * ux * uy + c1) * (2 * cov + c2)) / ((ux * ux + uy * uy + c1) * (vx + vy + c2));
                n++;
            }
        }
        return sum / Math.max(1, n);
    }

    private static float[] gaussian(double sigma, int r) {
        float[] k = new float[2 * r + 1];
        double s = 0;
        for (int i = -r; i <= r; i++) {
            k[i + r] = (float) Math.exp(-i * i / (2 * sigma * sigma));
            s += k[i + r];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= (float) s;
        }
        return k;
    }

    private static float[] blur(float[] v, int w, int h, float[] k) {
        int r = k.length / 2;
        float[] t = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = r; x < w - r; x++) {
                float s = 0;
                for (int i = -r; i <= r; i++) {
                    s += k[i + r] * v[y * w + x + i];
                }
                t[y * w + x] = s;
            }
        }
        float[] out = new float[w * h];
        for (int y = r; y < h - r; y++) {
            for (int x = 0; x < w; x++) {
                float s = 0;
                for (int i = -r; i <= r; i++) {
                    s += k[i + r] * t[(y + i) * w + x];
                }
                out[y * w + x] = s;
            }
        }
        return out;
    }
}
