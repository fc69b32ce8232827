package io.certbridge.shared;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import java.io.IOException;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class JsonConfig {

    /** PostgreSQL cannot store U+0000 in text; such a string is bad input, refused with its field named. */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer rejectNulCharacters() {
        return builder -> builder.deserializerByType(String.class, new StringDeserializer() {
            @Override
            public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                String value = super.deserialize(parser, context);
                if (value != null && value.indexOf('\u0000') >= 0) {
                    throw InvalidFormatException.from(parser, "contains the character U+0000", value, String.class);
                }
                return value;
            }
        });
    }
}
