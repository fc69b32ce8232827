package io.certbridge.anchoring;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;
import org.web3j.rlp.RlpEncoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.rlp.RlpType;
import org.web3j.utils.Numeric;

/**
 * The transaction that anchors a Merkle root: as Blockcerts does, a transfer of nothing to the burn address
 * whose data is exactly the 32-byte root.
 *
 * <p>The transaction is encoded here as an EIP-1559 (type 2, EIP-2718 envelope) transaction with web3j's RLP and
 * signing primitives, not with {@code RawTransaction}/{@code TransactionEncoder}: web3j 5.0.0 is a 2020 build whose
 * "EIP-1559" support is the pre-London draft (an untyped legacy list with two fee fields appended, without chain
 * id), which no node accepts.
 */
public final class AnchorTransactions {

    public static final String BURN_ADDRESS = "0x000000000000000000000000000000000000dEaD";

    private static final byte EIP_1559_TYPE = 0x02;

    /** What every transaction costs, and each byte of its data (Yellow Paper G_transaction, G_txdata(non)zero). */
    private static final long TRANSACTION_GAS = 21_000;
    private static final long NON_ZERO_BYTE_GAS = 16;
    private static final long ZERO_BYTE_GAS = 4;

    /**
     * EIP-7623 (Prague, 2025): a transaction pays at least 10 gas per calldata "token" (4 per non-zero byte, 1 per
     * zero byte), and a node refuses a gas limit below that floor. For a root without zero bytes the floor (22,280)
     * is above the pre-Prague cost (21,512); the gas limit covers both, and on older chains the rest is refunded.
     */
    private static final long FLOOR_GAS_PER_TOKEN = 10;
    private static final long TOKENS_PER_NON_ZERO_BYTE = 4;

    private AnchorTransactions() {
    }

    public record SignedAnchor(String hash, String raw, BigInteger nonce, BigInteger maxPriorityFeePerGas,
            BigInteger maxFeePerGas) {
    }

    public static SignedAnchor sign(Credentials key, long chainId, BigInteger nonce, byte[] merkleRoot,
            BigInteger maxPriorityFeePerGas, BigInteger maxFeePerGas) {
        if (merkleRoot.length != 32) {
            throw new IllegalArgumentException("A Merkle root has 32 bytes, not " + merkleRoot.length);
        }
        List<RlpType> fields = new ArrayList<>(List.of(
                RlpString.create(chainId),
                RlpString.create(nonce),
                RlpString.create(maxPriorityFeePerGas),
                RlpString.create(maxFeePerGas),
                RlpString.create(gasLimit(merkleRoot)),
                RlpString.create(Numeric.hexStringToByteArray(BURN_ADDRESS)),
                RlpString.create(BigInteger.ZERO),
                RlpString.create(merkleRoot),
                new RlpList()));
        Sign.SignatureData signature = Sign.signMessage(Hash.sha3(typed(fields)), key.getEcKeyPair(), false);
        fields.add(RlpString.create(signature.getV()[0] - 27));
        fields.add(RlpString.create(new BigInteger(1, signature.getR())));
        fields.add(RlpString.create(new BigInteger(1, signature.getS())));
        byte[] signed = typed(fields);
        return new SignedAnchor(Numeric.toHexString(Hash.sha3(signed)), Numeric.toHexString(signed), nonce,
                maxPriorityFeePerGas, maxFeePerGas);
    }

    /** The gas an anchor transaction needs: it calls no code, so its intrinsic gas, or the EIP-7623 floor. */
    private static long gasLimit(byte[] data) {
        long nonZero = 0;
        for (byte b : data) {
            if (b != 0) {
                nonZero++;
            }
        }
        long zero = data.length - nonZero;
        long intrinsic = TRANSACTION_GAS + NON_ZERO_BYTE_GAS * nonZero + ZERO_BYTE_GAS * zero;
        long floor = TRANSACTION_GAS + FLOOR_GAS_PER_TOKEN * (TOKENS_PER_NON_ZERO_BYTE * nonZero + zero);
        return Math.max(intrinsic, floor);
    }

    /**
     * A fee that lets a transaction replace a pending one with the same nonce: nodes want both fee fields at least
     * 10% higher (geth's default price bump; anvil and others follow it); 12.5% leaves room for rounding.
     */
    public static BigInteger replacementFee(BigInteger previous) {
        return previous.add(previous.divide(BigInteger.valueOf(8))).add(BigInteger.ONE);
    }

    private static byte[] typed(List<RlpType> fields) {
        byte[] list = RlpEncoder.encode(new RlpList(fields));
        byte[] typed = new byte[list.length + 1];
        typed[0] = EIP_1559_TYPE;
        System.arraycopy(list, 0, typed, 1, list.length);
        return typed;
    }
}
