# -DCERTIGRAM_SANITIZE=ON: every target gets AddressSanitizer and UndefinedBehaviorSanitizer.
if(CERTIGRAM_SANITIZE)
    if(MSVC)
        add_compile_options(/fsanitize=address)
    else()
        add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
            -fno-sanitize-recover=undefined)
        add_link_options(-fsanitize=address,undefined)
    endif()
endif()
