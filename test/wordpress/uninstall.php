<?php
/** Uninstalls the plugin as WordPress does, then prints whether its option is gone. */
[$script, $dir, $site_url] = $argv;
$_SERVER['HTTP_HOST'] = parse_url( $site_url, PHP_URL_HOST ) . ':' . parse_url( $site_url, PHP_URL_PORT );
require $dir . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
$before = false !== get_option( 'pgo_widgets_settings', false );
deactivate_plugins( 'pgo-widgets/pgo-widgets.php' );
uninstall_plugin( 'pgo-widgets/pgo-widgets.php' );
wp_cache_flush();
echo wp_json_encode( array( 'before' => $before, 'after' => false !== get_option( 'pgo_widgets_settings', false ) ) );
